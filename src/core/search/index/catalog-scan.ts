// One pass over the catalog's text for the index build. Every word is interned once (the
// word table) with the term it yields (its stem; -1 for a stop word), so later occurrences
// cost no allocation. A scan of a field leaves its terms for scoring and, on the main
// pass, collects the words' talk counts (typo vocabulary), the name parts of speakers
// (speaker: filter) and each talk's terms in reading order (phrase checks).
import { runSteps } from "../../slices.ts";
import type { Talk } from "../../talk.ts";
import { keep, stem } from "../query/tokenize.ts";
import { Vocabulary } from "../query/vocabulary.ts";
import { fieldTexts } from "./fields.ts";
import type { FieldName } from "./ranking.ts";
import { KeyedLists } from "./rows.ts";
import { SequencesBuilder, type TermSequences } from "./sequences.ts";
import { WordTable } from "./word-table.ts";

/** Fields whose word order phrase checks read: one sequence each (each key point its own). */
const SEQUENCE_FIELDS: ReadonlySet<FieldName> = new Set([
  "title",
  "summary",
  "keyPoints",
  "speakers",
]);

/** Words handled between two yields of the vocabularies' build: well under a millisecond. */
const WORDS_PER_STEP = 512;

/** A copy of `a` with room for `size` entries, the new ones set to `fill`. */
export function grown<T extends Int32Array | Float64Array>(a: T, size: number, fill = 0): T {
  const b = new (a.constructor as new (n: number) => T)(Math.max(size, a.length * 2));
  b.set(a);
  if (fill !== 0) b.fill(fill, a.length);
  return b;
}

/** The speaker: filter's data: name parts → talks, and the parts as typo-correctable words. */
export interface Speakers {
  readonly parts: ReadonlyMap<string, Int32Array>;
  readonly vocabulary: Vocabulary;
}

export class CatalogScanner {
  private readonly table = new WordTable();
  readonly termIds = new Map<string, number>();
  readonly termNames: string[] = [];
  private wordTerm = new Int32Array(1024);
  /** Talks each word occurs in (outside the event field), for the vocabulary. */
  private wordDocs = new Int32Array(1024);
  private wordLastDoc = new Int32Array(1024).fill(-1);
  private knownWords = 0;
  /** The terms of the field last scanned: `fieldTerms[0..fieldLength)`. */
  fieldTerms = new Int32Array(256);
  private fieldLength = 0;
  private collecting = false;
  private doc = 0;
  private vocabularyField = false;
  private speakerField = false;
  private sequenceField = false;
  /**
   * Speakers' name parts, by word id: occurrences, talks, the last talk counted; the parts
   * in first-seen order; and a (part, talk) pair per talk naming it, in talk order. Typed
   * arrays rather than a list per name: the build keeps no small objects (see rows.ts).
   */
  private partCount = new Int32Array(1024);
  private partTalks = new Int32Array(1024);
  private partLastDoc = new Int32Array(1024).fill(-1);
  private partOrder = new Int32Array(256);
  private partsSeen = 0;
  private partPairs = new Int32Array(1024);
  private pairsUsed = 0;
  private readonly sequences: SequencesBuilder;

  constructor(talks: number) {
    this.sequences = new SequencesBuilder(talks);
  }

  /**
   * Scans one field of talk `d`; returns its number of terms (left in `fieldTerms`).
   * With `collect`, also gathers what the vocabulary, speaker: and phrase checks need
   * (the length sample scans its talks twice and must not count them twice).
   */
  scanField(talk: Talk, d: number, f: FieldName, collect: boolean): number {
    this.fieldLength = 0;
    this.doc = d;
    this.collecting = collect;
    this.vocabularyField = f !== "event";
    this.speakerField = f === "speakers";
    this.sequenceField = collect && SEQUENCE_FIELDS.has(f);
    // A field of several texts is scanned text by text: the same words as the texts joined
    // with a separator, without building the joined string for every talk. A talk's names
    // read as one sequence; each key point reads on its own.
    const apart = this.sequenceField && f === "keyPoints";
    for (const text of fieldTexts(talk, f)) {
      this.table.scan(text, this.onWord);
      if (apart) this.sequences.endField();
    }
    if (this.sequenceField) this.sequences.endField();
    return this.fieldLength;
  }

  /** Ends talk `d` on the main pass. */
  endTalk(): void {
    this.sequences.endTalk();
  }

  private termOf(word: string): number {
    if (!keep(word)) return -1;
    const s = stem(word);
    let id = this.termIds.get(s);
    if (id === undefined) {
      id = this.termNames.length;
      this.termIds.set(s, id);
      this.termNames.push(s);
    }
    return id;
  }

  /** Gives every word id up to `id` its term, in id order (term ids follow first sight). */
  private know(id: number): number {
    if (id >= this.knownWords) {
      if (id >= this.wordTerm.length) {
        this.wordTerm = grown(this.wordTerm, id + 1);
        this.wordDocs = grown(this.wordDocs, id + 1);
        this.wordLastDoc = grown(this.wordLastDoc, id + 1, -1);
        this.partCount = grown(this.partCount, id + 1);
        this.partTalks = grown(this.partTalks, id + 1);
        this.partLastDoc = grown(this.partLastDoc, id + 1, -1);
      }
      for (; this.knownWords <= id; this.knownWords++) {
        this.wordTerm[this.knownWords] = this.termOf(this.table.words[this.knownWords]!);
      }
    }
    return this.wordTerm[id]!;
  }

  private addTerm(term: number): void {
    if (term < 0) return;
    if (this.fieldLength === this.fieldTerms.length) {
      this.fieldTerms = grown(this.fieldTerms, this.fieldLength + 1);
    }
    this.fieldTerms[this.fieldLength++] = term;
  }

  private addNamePart(id: number): void {
    if (this.table.words[id]!.length < 2) return;
    if (this.partCount[id]!++ === 0) {
      if (this.partsSeen === this.partOrder.length) this.partOrder = grown(this.partOrder, 0);
      this.partOrder[this.partsSeen++] = id;
    }
    if (this.partLastDoc[id] === this.doc) return;
    this.partLastDoc[id] = this.doc;
    this.partTalks[id]!++;
    if (this.pairsUsed + 2 > this.partPairs.length) this.partPairs = grown(this.partPairs, 0);
    this.partPairs[this.pairsUsed++] = id;
    this.partPairs[this.pairsUsed++] = this.doc;
  }

  private readonly onWord = (id: number, parts: readonly number[] | null): void => {
    const term = this.know(id);
    this.addTerm(term);
    if (parts) for (const p of parts) this.addTerm(this.know(p));
    if (!this.collecting) return;
    if (this.sequenceField && term >= 0) this.sequences.push(term);
    if (this.vocabularyField && this.wordLastDoc[id] !== this.doc) {
      this.wordLastDoc[id] = this.doc;
      this.wordDocs[id]!++;
    }
    if (this.speakerField) {
      this.addNamePart(id);
      if (parts) for (const p of parts) this.addNamePart(p);
    }
  };

  /** The catalog's words with the number of talks each occurs in, for typo correction. */
  vocabulary(): Vocabulary {
    return runSteps(this.vocabularySteps());
  }

  /** vocabulary(), yielding between chunks of words (a reload builds it in slices). */
  *vocabularySteps(): Generator<void, Vocabulary> {
    yield* this.table.settling();
    const vocabulary = new Vocabulary(this.table, this.wordDocs);
    yield* vocabulary.preparing();
    return vocabulary;
  }

  /** Speakers' folded name parts → talks, and their vocabulary (for typos in speaker:). */
  speakers(): Speakers {
    return runSteps(this.speakerSteps());
  }

  /** speakers(), yielding between chunks of names. Parts come in first-seen order. */
  *speakerSteps(): Generator<void, Speakers> {
    const { words } = this.table;
    const order = this.partOrder.subarray(0, this.partsSeen);
    const vocabulary = new Vocabulary();
    for (let r = 0; r < order.length; r++) {
      const id = order[r]!;
      vocabulary.add(words[id]!, this.partCount[id]);
      if (r % WORDS_PER_STEP === WORDS_PER_STEP - 1) yield;
    }
    yield;
    yield* vocabulary.preparing();
    // Each part's talks back to back, parts numbered in first-seen order.
    const rows = new Map<string, number>();
    const rowOf = new Int32Array(this.partCount.length);
    const starts = new Int32Array(order.length + 1);
    for (let r = 0; r < order.length; r++) {
      const id = order[r]!;
      rowOf[id] = r;
      starts[r + 1] = starts[r]! + this.partTalks[id]!;
      rows.set(words[id]!, r);
      if (r % WORDS_PER_STEP === WORDS_PER_STEP - 1) yield;
    }
    const talks = new Int32Array(starts[order.length]!);
    const next = starts.slice(0, order.length);
    for (let k = 0; k < this.pairsUsed; k += 2)
      talks[next[rowOf[this.partPairs[k]!]!]!++] = this.partPairs[k + 1]!;
    return { parts: new KeyedLists(rows, starts, talks), vocabulary };
  }

  /** Each talk's terms in reading order, a chunk a step (a reload builds it in slices). */
  termSequenceSteps(): Generator<void, TermSequences> {
    return this.sequences.finishing();
  }
}
