// The catalog's words as typed (folded), for fuzzy matching of misspelled query words.
// A trigram index narrows tens of thousands of words to a few dozen candidates; fuse.js
// then scores only those short strings, where its cost is small. Justified by bench:search
// at 10,000 talks (median, one run): "migraton" takes 0.13–0.32 ms with the narrowing and
// 484 ms with fuse.js over the whole vocabulary.
import Fuse from "fuse.js";
import { LRUCache } from "lru-cache";
import { editDistance } from "../../edit-distance.ts";
import { runSteps } from "../../slices.ts";
import { buildGramIndex, type GramIndex } from "../index/grams.ts";

const FUZZY_DEFAULTS = Object.freeze({
  /** Words shorter than this are never corrected: too many near neighbours. */
  minLength: 4,
  /** Candidates handed to fuse.js after trigram narrowing. */
  candidates: 40,
  /** fuse.js threshold, and the worst score accepted per word length (shorter words need closer matches). */
  fuseThreshold: 0.5,
  maxScore: (length: number) => (length <= 5 ? 0.42 : length <= 8 ? 0.34 : 0.3),
  /** How much the word length may differ from the correction's. */
  maxLengthDelta: (length: number) => (length <= 6 ? 2 : 3),
  /** Edits allowed between the word and its correction, doubled letters collapsed. */
  maxEdits: (length: number) => (length <= 5 ? 1 : length <= 9 ? 2 : 3),
});

/** "balloon" → "balon": a missed or doubled letter is the commonest typo, so it is free. */
function collapse(word: string): string {
  return word.replace(/(.)\1+/g, "$1");
}

/**
 * Whether a candidate is a plausible correction. fuse.js matches substrings, so it would
 * accept "alon" for "balon"; typos rarely touch the first letter and stay within a few edits.
 */
function plausible(word: string, candidate: string): boolean {
  return (
    word[0] === candidate[0] &&
    editDistance(collapse(word), collapse(candidate)) <= FUZZY_DEFAULTS.maxEdits(word.length)
  );
}

/** 1 when the candidate differs from the word only by doubled letters, else 0. */
const doubling = (word: string, candidate: string) =>
  collapse(word) === collapse(candidate) ? 1 : 0;

interface Correction {
  readonly word: string;
  /** fuse.js score: 0 is exact, 1 is nothing alike. */
  readonly score: number;
}

function trigrams(word: string): string[] {
  const padded = ` ${word} `;
  const out: string[] = [];
  for (let i = 0; i + 3 <= padded.length; i++) out.push(padded.slice(i, i + 3));
  return out;
}

/** The index's word table as a vocabulary sees it (src/core/search/index/word-table.ts). */
interface TableWords {
  readonly words: readonly string[];
  /** A folded word's id in the table, or -1. */
  lookup(word: string): number;
}

export class Vocabulary {
  private readonly words: string[] | readonly string[];
  private readonly ids = new Map<string, number>();
  private readonly frequency: number[] | Int32Array;
  private readonly table: TableWords | null;
  private grams: GramIndex | null = null;
  private shared: Uint16Array | null = null;
  /**
   * Corrections worked out lately, by word and request: the same slips come back (a
   * channel re-asks, a question is paged), and each costs a Fuse search over the
   * candidates, the largest share of a misspelt question's time and of what it allocates
   * (a 12-typo question: 4 ms median, its p99 collector-bound at 12,000 talks).
   */
  private readonly corrected = new LRUCache<string, readonly Correction[]>({ max: 4_096 });

  /**
   * An empty vocabulary that add() fills, or, with `table`, the words of the index's word
   * table that some talk holds (`counts`, per table id: how many talks hold the word), read
   * in place: no Map of its own (growing a Map to the
   * ~80,000 words of a 12,000-talk catalog held a reload's slices for 5-16 ms at a time).
   */
  constructor(table?: TableWords, counts?: Int32Array) {
    this.table = table ?? null;
    this.words = table ? table.words : [];
    this.frequency = table ? (counts ?? new Int32Array(0)) : [];
  }

  /** The word's id here, or -1. */
  private idOf(word: string): number {
    if (!this.table) return this.ids.get(word) ?? -1;
    const id = this.table.lookup(word);
    return id >= 0 && (this.frequency[id] ?? 0) > 0 ? id : -1;
  }

  add(word: string, count = 1): void {
    if (this.table) throw new Error("a vocabulary over a word table is read-only");
    const id = this.ids.get(word);
    if (id !== undefined) {
      this.frequency[id]! += count;
      return;
    }
    this.ids.set(word, this.words.length);
    (this.words as string[]).push(word);
    (this.frequency as number[]).push(count);
    this.grams = null;
  }

  has(word: string): boolean {
    return this.idOf(word) >= 0;
  }

  /** prepare(), yielding every 1,024 words (a reload builds it in slices). */
  *preparing(): Generator<void, GramIndex> {
    if (this.grams) return this.grams;
    // Keyed by first letter too: corrections keep the first letter, and the lists get short.
    const held = (id: number) => !this.table || (this.frequency[id] ?? 0) > 0;
    this.grams = yield* buildGramIndex(
      this.words,
      (w, id) => w.length >= 3 && !/^\d+$/.test(w) && held(id),
    );
    return this.grams;
  }

  private gramIndex(): GramIndex {
    return runSteps(this.preparing());
  }

  /** Build the trigram index now rather than on the first misspelled query. */
  prepare(): void {
    this.gramIndex();
  }

  /**
   * The closest catalog words to a word that is not in the catalog, best first. With
   * `known`, also for a word that is (its neighbours, itself excluded): a name part can be
   * a slip for another person's name.
   */
  correct(word: string, max = 2, known = false): Correction[] {
    const key = `${max} ${known ? 1 : 0} ${word}`;
    let found = this.corrected.get(key);
    if (!found) {
      found = this.work(word, max, known);
      this.corrected.set(key, found);
    }
    return [...found];
  }

  private work(word: string, max: number, known: boolean): Correction[] {
    const f = FUZZY_DEFAULTS;
    if (word.length < f.minLength || /\d/.test(word)) return [];
    if (this.idOf(word) >= 0 && !known) return [];
    const grams = trigrams(word);
    // Shared trigrams per candidate word, counted in a typed array reused by every call
    // (a Map here cost more than the rest of the correction on a large vocabulary). `seen`
    // keeps the first-encounter order the Map had, so ties sort exactly as before.
    if (this.shared?.length !== this.words.length) this.shared = new Uint16Array(this.words.length);
    const shared = this.shared;
    const seen: number[] = [];
    const index = this.gramIndex();
    for (const g of grams) {
      const ids = index.get(word[0] + g);
      if (!ids) continue;
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i]!;
        const n = shared[id]!;
        shared[id] = n + 1;
        if (n === 0) seen.push(id);
      }
    }
    const minShared = Math.max(1, Math.floor(grams.length / 4));
    const maxDelta = f.maxLengthDelta(word.length);
    const candidates = seen
      .filter(
        (id) =>
          shared[id]! >= minShared && Math.abs(this.words[id]!.length - word.length) <= maxDelta,
      )
      .sort((a, b) => shared[b]! - shared[a]! || this.frequency[b]! - this.frequency[a]!)
      .slice(0, f.candidates)
      .map((id) => this.words[id]!);
    for (const id of seen) shared[id] = 0;
    if (candidates.length === 0) return [];
    const fuse = new Fuse(candidates, {
      includeScore: true,
      threshold: f.fuseThreshold,
      ignoreLocation: true,
      ignoreFieldNorm: true,
      isCaseSensitive: true,
    });
    return (
      fuse
        .search(word)
        .filter(
          (r) =>
            r.item !== word && (r.score ?? 1) <= f.maxScore(word.length) && plausible(word, r.item),
        )
        // A missed or doubled letter is the commonest slip: "balon" is "balloon" before
        // "baron" (a speaker's name part), though fuse.js scores a substitution closer.
        .sort(
          (a, b) =>
            doubling(word, b.item) - doubling(word, a.item) ||
            (a.score ?? 1) - (b.score ?? 1) ||
            this.rank(b.item) - this.rank(a.item),
        )
        .slice(0, max)
        .map((r) => ({ word: r.item, score: r.score ?? 1 }))
    );
  }

  private rank(word: string): number {
    return this.frequency[this.idOf(word)] ?? 0;
  }
}
