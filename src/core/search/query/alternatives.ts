// A query's concepts as the postings their alternatives match: a word's posting list, or
// for several words the talks holding them all (intersected once per query, then shared
// by the match set and the scorer), with the alternative's weight. An alternative of
// several words counts as one thing, worth its most telling word's value (their sum made
// "pci passthrough" at a synonym's weight outscore "vfio" as typed; their mean let a
// common word drag "linux containers" below "containers"). One marked adjacent (a synonym
// or jargon phrase) matches only where its words stand together, in order, as the phrase
// checks read them (one other word allowed between), as a quoted phrase does: "cloud" in
// one sentence and "hypervisor" in another are not Cloud Hypervisor, and "nested" in an
// abstract beside "Virtualization Microconference" in the event's name is not nested
// virtualization. One exception, for PHRASE_APART of the value: the phrase checks read a
// compound of the text as one word ("vhost-user-blk") and do not read curated topics, so
// a talk holding a word of the phrase only there (not in its text, not in its event's
// name) may still say the phrase.
import { LRUCache } from "lru-cache";
import { runSteps } from "../../slices.ts";
import { intersect } from "../index/intersect.ts";
import type { PostingList } from "../index/postings.ts";
import { PHRASE_STANDS, type TermSequences } from "../index/sequences.ts";
import type { Concept } from "./compile.ts";
import { queryStem } from "./tokenize.ts";

/** What adjacency checks read: each talk's terms in order, the terms' ids, the events' words. */
export interface WordOrder {
  readonly sequences: TermSequences;
  readonly termIds: ReadonlyMap<string, number>;
  /** Term id → stem (termIds the other way round), to compare a talk's words' spellings. */
  readonly termNames: readonly string[];
  readonly events: readonly { readonly terms: ReadonlySet<string> }[];
  readonly eventOf: Int32Array;
}

/**
 * What a phrase alternative's value is worth in a talk holding all its words: in full
 * where they stand together; PHRASE_APART where a word is in the talk only inside a
 * compound or a topic (neither in its text nor its event's name, see above); else nothing.
 * Shared by the index, the reference ranking and explain.
 */
export function phraseFactor(
  stands: boolean,
  terms: readonly string[],
  inText: (term: string) => boolean,
  inEvent: (term: string) => boolean,
  /** The talk's text as the phrase checks read it (stems, a compound as one word). */
  words: () => Iterable<string>,
  /** A compound's parts (Alternative.compound): in full inside a compound, else COMPOUND_APART. */
  compound = false,
): number {
  if (stands) return 1;
  if (compound) return holdsJoined(words(), terms) ? 1 : COMPOUND_APART;
  // (A word held only inside another compound, "post" of "post-GDPR", as 0 was tried: a
  // word of curated topics the text holds inside a compound, "performance" beside
  // "high-performance", looked the same, and sentences lost answers.)
  return terms.some((t) => !inText(t) && !inEvent(t)) ? PHRASE_APART : 0;
}

/**
 * Whether a word of the talk, as a stem, holds a compound's parts run together: "vhost"
 * and "user" in "vhostus" (vhost-user) or inside "vhostuserblk" (vhost-user-blk). The
 * phrase checks read a compound of the text as one word, so its parts never stand there
 * on their own.
 */
export function holdsJoined(words: Iterable<string>, terms: readonly string[]): boolean {
  const joined = terms.join("");
  const stemmed = queryStem(joined);
  // At the word's start: "iour" (io_uring) is no part of "behaviour".
  for (const w of words) if (w.startsWith(joined) || w.startsWith(stemmed)) return true;
  return false;
}

/** The phrase cache's key of an alternative of several words ("+" first for a compound's parts). */
function phraseKey(terms: readonly string[], compound: boolean | undefined): string {
  return `${compound ? "+" : ""}${terms.join(" ")}`;
}

/**
 * What a compound's parts typed are worth apart (Alternative.compound): far less than
 * together, yet something: "virtio 1.2 adds device types: fs, …" is about virtio-fs a
 * little, and dropping such talks cost sentences that hold the rest of the question.
 */
export const COMPOUND_APART = 0.25;
/** Other words allowed between two words of an adjacent alternative ("live block copy" for "live copy"). */
export const PHRASE_SLACK = 1;
/** What an adjacent alternative's words are worth where they do not stand together. */
export const PHRASE_APART = 0.4;
/** Talks whose word order a phrase reads between two yields when warmed in steps. */
const PHRASE_TALKS_PER_STEP = 512;
/** Postings the phrase cache keeps (12 bytes each): a few common phrases of 100,000 talks. */
const PHRASE_CACHE_POSTINGS = 1 << 20;

/** Talks holding every word of a multi-word alternative, with their summed values. */
export interface Common {
  readonly docs: Int32Array;
  readonly values: Float64Array;
  readonly length: number;
}

/**
 * One alternative of a concept: a word's posting list (float32 values) or the talks common
 * to several words (float64 values). Kept apart so each scoring loop sees one array type.
 */
export type WeightedPostings =
  | { readonly list: PostingList; readonly common: null; readonly weight: number }
  | { readonly list: null; readonly common: Common; readonly weight: number };

export class AlternativeResolver {
  /** Intersections of the current query, back to back; a full pool is replaced, not copied. */
  private docs = new Int32Array(1 << 14);
  private values = new Float64Array(1 << 14);
  private used = 0;
  /** Phrases' talks and values (see phrase()), at most PHRASE_CACHE_POSTINGS in all. */
  private readonly phrases = new LRUCache<string, Common>({
    maxSize: PHRASE_CACHE_POSTINGS,
    sizeCalculation: (c) => c.length + 1,
  });

  constructor(
    private readonly postings: ReadonlyMap<string, PostingList>,
    /** Null where no alternative is adjacent (scorer tests on bare lists). */
    private readonly order: WordOrder | null = null,
  ) {}

  /**
   * Per concept, the alternatives that can match, in order (those with a word no talk
   * holds dropped). Valid until the next call. (Dropping repeated alternatives was tried
   * and removed: no gain in bench:search at 10,000 talks.)
   */
  resolve(concepts: readonly Concept[]): WeightedPostings[][] {
    this.used = 0;
    return concepts.map((c) => {
      const out: WeightedPostings[] = [];
      for (const alt of c.alternatives) {
        // Most alternatives are one word: its list, without an array of lists to hold it.
        if (alt.terms.length === 1) {
          const list = this.postings.get(alt.terms[0]!);
          if (list) out.push({ list, common: null, weight: alt.weight });
          continue;
        }
        const lists = this.listsOf(alt.terms);
        if (!lists) continue;
        const common = alt.adjacent
          ? this.phrase(alt.terms, lists, alt.compound === true)
          : this.common(lists);
        out.push({ list: null, common, weight: alt.weight });
      }
      return out;
    });
  }

  /** Each term's posting list, or null when a term is in no talk. */
  private listsOf(terms: readonly string[]): PostingList[] | null {
    const lists: PostingList[] = [];
    for (const t of terms) {
      const list = this.postings.get(t);
      if (!list) return null;
      lists.push(list);
    }
    return lists;
  }

  /**
   * The talks holding every word of a phrase, its words' value lowered where they do not
   * stand together. Reading the talks' word order costs far more than the intersection
   * (device+assign: ~1 ms at 10,000 synthetic talks), and the same phrases come back
   * (synonyms, jargon): kept across queries, in a bounded cache.
   */
  private phrase(
    terms: readonly string[],
    lists: readonly PostingList[],
    compound: boolean,
  ): Common {
    return (
      this.phrases.get(phraseKey(terms, compound)) ??
      runSteps(this.phraseSteps(terms, lists, compound))
    );
  }

  /** The phrases the last queries used, most recent first (to warm the next index with). */
  phrasesInUse(max: number): string[] {
    return [...this.phrases.keys()].slice(0, max);
  }

  /**
   * Works out a phrase a query will want (its key: stems joined by spaces), in steps: a
   * reload warms the new index with the phrases in use, so that the first searches after
   * the swap do not each read thousands of talks' word order at once (20-50 ms a phrase
   * on 10,000 synthetic talks: bench/import/reload.ts).
   */
  *warmPhrases(keys: readonly string[]): Generator<void, void> {
    for (const key of keys) {
      yield* this.warmPhrase(key);
      yield;
    }
  }

  private *warmPhrase(key: string): Generator<void, void> {
    if (this.phrases.has(key) || !this.order) return;
    const compound = key.startsWith("+");
    const terms = (compound ? key.slice(1) : key).split(" ");
    const lists = this.listsOf(terms);
    if (lists && lists.length > 1) yield* this.phraseSteps(terms, lists, compound);
  }

  private *phraseSteps(
    terms: readonly string[],
    lists: readonly PostingList[],
    compound: boolean,
  ): Generator<void, Common> {
    if (!this.order) throw new Error("an adjacent alternative needs the talks' word order");
    const { sequences, termIds, termNames } = this.order;
    const run = Int32Array.from(terms, (t) => termIds.get(t)!);
    const most = Math.min(...lists.map((l) => l.length));
    const docs = new Int32Array(most);
    const values = new Float64Array(most);
    const n = intersect(lists, docs, values);
    const { events, eventOf } = this.order;
    let d = 0;
    let seen = 0;
    /** Talks that cannot say the phrase are left out: they do not match the concept. */
    let length = 0;
    const inText = (t: string) => (seen & (1 << terms.indexOf(t))) !== 0;
    const inEvent = (t: string) => events[eventOf[d]!]?.terms.has(t) ?? false;
    const words = () => sequences.termsOf(d, termNames);
    for (let i = 0; i < n; i++) {
      if (i % PHRASE_TALKS_PER_STEP === PHRASE_TALKS_PER_STEP - 1) yield;
      d = docs[i]!;
      seen = sequences.phraseOrWords(d, run, PHRASE_SLACK);
      const factor = phraseFactor(seen === PHRASE_STANDS, terms, inText, inEvent, words, compound);
      if (factor === 0) continue;
      docs[length] = d;
      values[length++] = values[i]! * factor;
    }
    const common = { docs: docs.slice(0, length), values: values.slice(0, length), length };
    this.phrases.set(phraseKey(terms, compound), common);
    return common;
  }

  private common(lists: readonly PostingList[]): Common {
    const most = Math.min(...lists.map((l) => l.length));
    if (this.used + most > this.docs.length) {
      const size = Math.max(this.docs.length * 2, most);
      this.docs = new Int32Array(size);
      this.values = new Float64Array(size);
      this.used = 0;
    }
    const docs = this.docs.subarray(this.used);
    const values = this.values.subarray(this.used);
    const n = intersect(lists, docs, values);
    this.used += n;
    return { docs: docs.subarray(0, n), values: values.subarray(0, n), length: n };
  }
}
