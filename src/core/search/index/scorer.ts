// Scores a query's concepts over the posting lists, term at a time, into scratch buffers
// sized to the catalog. At 100,000 talks a common word has tens of thousands of postings,
// so the loops below touch only typed arrays: no per-posting allocation, no JS arrays.
import {
  AlternativeResolver,
  type WeightedPostings,
  type WordOrder,
} from "../query/alternatives.ts";
import type { Concept } from "../query/compile.ts";
import { EITHER_REST, type EitherGroup, groupMembers, matchedInfo } from "./either-groups.ts";
import { keepBest, keepBestCommon } from "./keep-best.ts";
import { MatchSet, popcount } from "./match-set.ts";
import type { PostingList } from "./postings.ts";

/** Talks that match enough of a query, with their scores and matched-concept bits. */
export interface Candidates {
  readonly docs: Int32Array;
  readonly scores: Float64Array;
  readonly masks: Uint32Array;
  readonly length: number;
}

interface ScoreRequest {
  readonly concepts: readonly Concept[];
  /** How many concepts a talk must match at least (a quick bound implied by needInfo). */
  readonly need: number;
  /** Each concept's information (idf): what matching it tells. */
  readonly info: readonly number[];
  /** The information a talk's matched concepts must carry, and the query's total. */
  readonly needInfo: number;
  readonly totalInfo: number;
  /** Concepts every candidate must match (quoted phrases), a bit each. */
  readonly requiredMask: number;
  /** Concepts of which every candidate must match one (alternatives), or 0. */
  readonly anyMask?: number;
  /** Alternatives said as one thing ("a or b"): a talk's information counts each group once. */
  readonly groups?: readonly EitherGroup[];
  /** Talks the filters allow, or null for all. */
  readonly allowed: Uint8Array | null;
}

export class Scorer {
  private readonly total: Float64Array;
  private readonly mask: Uint32Array;
  /** Per talk, the best alternative's score for the concept being scored. */
  private readonly best: Float64Array;
  /** Per talk, the best and the sum of the concepts of a group said with "or" (addEither). */
  private readonly most: Float64Array;
  private readonly sum: Float64Array;
  private readonly eitherDocs: Int32Array;
  private readonly touched: Int32Array;
  private touchedCount = 0;
  private readonly conceptDocs: Int32Array;
  private readonly docs: Int32Array;
  private readonly scores: Float64Array;
  private readonly masks: Uint32Array;
  /** The concepts' posting lists, phrases worked out and kept (what a reload warms). */
  readonly alternatives: AlternativeResolver;
  private readonly matches: MatchSet;
  /** Talks worth scoring (a bit each), or null for all: see score(). */
  private filter: Uint32Array | null = null;

  /** `order`: the talks' word order, for alternatives that are phrases (see alternatives.ts). */
  constructor(size: number, postings: ReadonlyMap<string, PostingList>, order?: WordOrder) {
    this.total = new Float64Array(size);
    this.mask = new Uint32Array(size);
    this.best = new Float64Array(size);
    this.most = new Float64Array(size);
    this.sum = new Float64Array(size);
    this.eitherDocs = new Int32Array(size);
    this.touched = new Int32Array(size);
    this.conceptDocs = new Int32Array(size);
    this.docs = new Int32Array(size);
    this.scores = new Float64Array(size);
    this.masks = new Uint32Array(size);
    this.alternatives = new AlternativeResolver(postings, order ?? null);
    this.matches = new MatchSet(size);
  }

  /**
   * Candidates for a query: a talk's score is the sum over the concepts it matches of the
   * concept's best alternative, times the share of the query's information it matched.
   * (Its square, tried first, punished a talk that says the question's context in other
   * words: bench:relevance's broad dev set 0.863 → 0.871 without it, the built-in sets
   * unchanged.) The result's arrays are reused by the next call.
   */
  score(q: ScoreRequest): Candidates {
    this.touchedCount = 0;
    const concepts = this.alternatives.resolve(q.concepts);
    // When a talk must hold several concepts (or pass filters), find the talks that can
    // first, with bitsets, and score only those: most postings of a long query of common
    // words belong to talks that hold too few of them. (For a query of two or three words
    // that first pass costs about what it saves.)
    this.filter =
      q.need >= 3
        ? this.matches.compute(concepts, q.need, q.requiredMask, q.allowed)
        : q.allowed
          ? this.matches.fromAllowed(q.allowed)
          : null;
    // Concepts said as alternatives ("sev-snp or tdx") are one thing asked: a talk on both
    // scores its better one and only EITHER_REST of the other (saying both still tells
    // a little more: "uefi, ovmf / edk2" lists near-synonyms).
    const groups = q.groups ?? [];
    const members = groupMembers(groups);
    for (const bits of members)
      this.addEither(bits.map((b) => ({ alts: concepts[b]!, bit: (1 << b) >>> 0 })));
    const inGroup = new Set(members.flat());
    concepts.forEach((alts, bit) => {
      if (!inGroup.has(bit)) this.addConcept(alts, (1 << bit) >>> 0);
    });
    const { total, mask, touched, docs, scores, masks } = this;
    const info = q.info;
    const any = q.anyMask ?? 0;
    const grouped = groups.reduce((all, g) => all | g.mask, 0);
    let length = 0;
    for (let k = 0; k < this.touchedCount; k++) {
      const d = touched[k]!;
      const m = mask[d]!;
      const matched = popcount(m);
      const got = matchedInfo(m, info, groups, grouped);
      if (
        matched >= q.need &&
        got >= q.needInfo &&
        (m & q.requiredMask) === q.requiredMask &&
        (any === 0 || (m & any) !== 0) &&
        (!q.allowed || q.allowed[d])
      ) {
        const coverage = got / q.totalInfo;
        docs[length] = d;
        scores[length] = total[d]! * coverage;
        masks[length] = m;
        length++;
      }
      total[d] = 0;
      mask[d] = 0;
    }
    return { docs, scores, masks, length };
  }

  /** Concepts said with "or": each talk's best concept, plus EITHER_REST of the others. */
  private addEither(concepts: readonly { alts: readonly WeightedPostings[]; bit: number }[]): void {
    const { best, conceptDocs, total, mask, touched, most, sum, eitherDocs } = this;
    let touchedCount = this.touchedCount;
    let docs = 0;
    for (const { alts, bit } of concepts) {
      const count = this.bestOf(alts);
      for (let k = 0; k < count; k++) {
        const d = conceptDocs[k]!;
        if (sum[d] === 0) {
          eitherDocs[docs++] = d;
          if (mask[d] === 0) touched[touchedCount++] = d;
        }
        sum[d]! += best[d]!;
        most[d] = Math.max(most[d]!, best[d]!);
        mask[d]! |= bit;
        best[d] = 0;
      }
    }
    for (let k = 0; k < docs; k++) {
      const d = eitherDocs[k]!;
      total[d]! += most[d]! + EITHER_REST * (sum[d]! - most[d]!);
      most[d] = 0;
      sum[d] = 0;
    }
    this.touchedCount = touchedCount;
  }

  private addConcept(alts: readonly WeightedPostings[], bit: number): void {
    const only = alts[0];
    if (alts.length === 1 && only?.list) {
      // The common case, one word: straight into the totals.
      this.credit(only.list, only.weight, bit);
      return;
    }
    // Several alternatives (or several words): a talk counts its best one.
    const count = this.bestOf(alts);
    const { best, conceptDocs, total, mask, touched } = this;
    let touchedCount = this.touchedCount;
    for (let k = 0; k < count; k++) {
      const d = conceptDocs[k]!;
      if (mask[d] === 0) touched[touchedCount++] = d;
      total[d]! += best[d]!;
      mask[d]! |= bit;
      best[d] = 0;
    }
    this.touchedCount = touchedCount;
  }

  /** Each talk's best alternative of a concept into `best`; returns how many `conceptDocs` holds. */
  private bestOf(alts: readonly WeightedPostings[]): number {
    const into = { best: this.best, conceptDocs: this.conceptDocs, filter: this.filter };
    let count = 0;
    for (const alt of alts) {
      count = alt.list
        ? keepBest(into, alt.list, alt.weight, count)
        : keepBestCommon(into, alt.common, alt.weight, count);
    }
    return count;
  }

  /** Adds `value * weight` of each (filtered) talk to the totals, marking the concept's bit. */
  private credit(list: PostingList, weight: number, bit: number): void {
    const { total, mask, touched, filter } = this;
    const { docs, values } = list;
    let touchedCount = this.touchedCount;
    for (let i = 0; i < list.length; i++) {
      const d = docs[i]!;
      if (filter !== null && (filter[d >>> 5]! & (1 << (d & 31))) === 0) continue;
      const v = values[i]! * weight;
      if (!(v > 0)) continue;
      if (mask[d] === 0) touched[touchedCount++] = d;
      total[d]! += v;
      mask[d]! |= bit;
    }
    this.touchedCount = touchedCount;
  }
}
