// Builds the search index over the catalog once at start-up: BM25F term scores per
// (term, talk) in posting lists, the vocabulary for typo correction, and small indexes
// for the speaker:, event:, topic: and year: filters.
import type { Talk } from "../../talk.ts";
import { rawWords, stem } from "../query/tokenize.ts";
import type { Vocabulary } from "../query/vocabulary.ts";
import { CatalogScanner, grown } from "./catalog-scan.ts";
import { averageLengths } from "./fields.ts";
import { appendTo, type PostingList, PostingsBuilder } from "./postings.ts";
import { FIELDS, idf, RANKING } from "./ranking.ts";
import type { TermSequences } from "./sequences.ts";

export interface EventEntry {
  readonly id: string;
  readonly name: string;
  /** Stems and folded words of the event's names and id. */
  readonly terms: ReadonlySet<string>;
}

export interface SearchIndex {
  readonly talks: readonly Talk[];
  readonly postings: ReadonlyMap<string, PostingList>;
  /** Term (stem) → its id; ids number the posting lists in order of first appearance. */
  readonly termIds: ReadonlyMap<string, number>;
  /** Each talk's terms in reading order, for phrase and adjacency checks. */
  readonly sequences: TermSequences;
  readonly vocabulary: Vocabulary;
  /** Folded name parts ("roedel", "joerg") → talks, for speaker: */
  readonly speakerParts: ReadonlyMap<string, Int32Array>;
  readonly speakerVocabulary: Vocabulary;
  readonly events: readonly EventEntry[];
  /** Talk → index into `events`. */
  readonly eventOf: Int32Array;
  readonly topicDocs: ReadonlyMap<string, Int32Array>;
  readonly years: Int16Array;
}

export function buildIndex(talks: readonly Talk[]): SearchIndex {
  const N = talks.length;
  const scan = new CatalogScanner(N);

  // Average field lengths, for BM25 length normalisation. Scanning the sample first also
  // interns its words in the order the main pass below would.
  const sample = Math.min(N, RANKING.lengthSample);
  const lengths: number[][] = [];
  for (let d = 0; d < sample; d++)
    lengths.push(FIELDS.map((f) => scan.scanField(talks[d]!, d, f, false)));
  const avg = averageLengths(lengths);

  const eventIds = new Map<string, number>();
  const events: EventEntry[] = [];
  const eventOf = new Int32Array(N);
  const topicLists = new Map<string, number[]>();
  const years = new Int16Array(N);

  // Per-talk pseudo term frequencies, indexed by term id, grown as terms appear.
  let pseudoTf = new Float64Array(1024);
  let docTerms = new Int32Array(1024);
  const postings = new PostingsBuilder(N);
  for (let d = 0; d < N; d++) {
    const talk = talks[d]!;
    let distinct = 0;
    for (let i = 0; i < FIELDS.length; i++) {
      const f = FIELDS[i]!;
      const length = scan.scanField(talk, d, f, true);
      if (length === 0) continue;
      const { weight, b } = RANKING.fields[f];
      const norm = weight / (1 - b + (b * length) / avg[i]!);
      if (scan.termNames.length > pseudoTf.length) {
        pseudoTf = grown(pseudoTf, scan.termNames.length);
        docTerms = grown(docTerms, scan.termNames.length);
      }
      const terms = scan.fieldTerms;
      for (let k = 0; k < length; k++) {
        const t = terms[k]!;
        if (pseudoTf[t] === 0) docTerms[distinct++] = t;
        pseudoTf[t]! += norm;
      }
    }
    scan.endTalk();
    for (let k = 0; k < distinct; k++) {
      const t = docTerms[k]!;
      const tf = pseudoTf[t]!;
      // Saturated term frequency; idf is applied once document frequencies are known.
      postings.add(t, (tf * (RANKING.k1 + 1)) / (tf + RANKING.k1));
      pseudoTf[t] = 0;
    }
    postings.endTalk();

    let e = eventIds.get(talk.eventId);
    if (e === undefined) {
      e = events.length;
      eventIds.set(talk.eventId, e);
      const words = rawWords(`${talk.event} ${talk.eventShort} ${talk.eventId}`);
      const terms = new Set<string>();
      for (const w of words) for (const s of [w.surface, ...w.parts]) terms.add(s).add(stem(s));
      events.push({ id: talk.eventId, name: talk.event, terms });
    }
    eventOf[d] = e;
    for (const topic of talk.topics) {
      appendTo(topicLists, topic, d);
    }
    years[d] = talk.year;
  }

  // One posting per talk: a list's length is the term's document frequency.
  const { termNames } = scan;
  const lists = postings.finish(termNames.length, (n) => idf(n, N));
  const raw = new Map<string, PostingList>();
  termNames.forEach((term, id) => {
    raw.set(term, lists[id]!);
  });
  const speakers = scan.speakers();

  return {
    talks,
    postings: raw,
    termIds: scan.termIds,
    sequences: scan.termSequences(),
    vocabulary: scan.vocabulary(),
    speakerParts: speakers.parts,
    speakerVocabulary: speakers.vocabulary,
    events,
    eventOf,
    topicDocs: new Map([...topicLists].map(([k, v]) => [k, Int32Array.from(v)])),
    years,
  };
}
