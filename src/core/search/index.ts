// Builds the search index over the catalog once at start-up: BM25F term scores per
// (term, talk) in posting lists, the vocabulary for typo correction, and small indexes
// for the speaker:, event:, topic: and year: filters.
import type { Talk } from "../talk.ts";
import { appendTo, type PostingList, PostingsBuilder } from "./postings.ts";
import { keep, rawWords, stem } from "./tokenize.ts";
import { Vocabulary } from "./vocabulary.ts";
import { WordTable } from "./word-table.ts";

/**
 * Field weights and length normalisation (BM25F). Titles, speakers and curated topics
 * say what a talk is about; key points name its concepts; the summary is prose.
 */
export const RANKING = Object.freeze({
  fields: Object.freeze({
    title: { weight: 4, b: 0.3 },
    speakers: { weight: 4, b: 0 },
    topics: { weight: 3, b: 0.2 },
    keyPoints: { weight: 1.5, b: 0.5 },
    summary: { weight: 1, b: 0.6 },
    event: { weight: 0.7, b: 0 },
  }),
  k1: 1.2,
  /** Average field lengths are measured on at most this many talks (a large catalog is uniform enough). */
  lengthSample: 2000,
});

type FieldName = keyof typeof RANKING.fields;
const FIELDS = Object.keys(RANKING.fields) as FieldName[];

/**
 * The texts of a field, scanned one after the other: the same words as the texts joined
 * with a separator, without building the joined string for every talk.
 */
function fieldPieces(t: Talk, f: FieldName): readonly string[] {
  switch (f) {
    case "title":
      return [t.title];
    case "speakers":
      return t.authors.length ? [...t.speakers, ...t.authors] : t.speakers;
    case "topics":
      return t.topics;
    case "keyPoints":
      return t.keyPoints;
    case "summary":
      // An imported talk is searched by its full abstract; the card shows the cut summary.
      return [t.description ?? t.summary];
    case "event":
      return [t.event, t.eventShort];
  }
}

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
  /** Every word of the indexed text, interned, and the id of the term each yields (-1: none). */
  readonly words: WordTable;
  readonly wordTerm: Int32Array;
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

/** A copy of `a` with room for `size` entries, the new ones set to `fill`. */
function grown<T extends Int32Array | Float64Array>(a: T, size: number, fill = 0): T {
  const b = new (a.constructor as new (n: number) => T)(Math.max(size, a.length * 2));
  b.set(a);
  if (fill !== 0) b.fill(fill, a.length);
  return b;
}

export function buildIndex(talks: readonly Talk[]): SearchIndex {
  const N = talks.length;
  // Every distinct word is interned once (its id in the word table), with the id of the
  // term it yields (its stem; -1 for a stop word). Later occurrences cost no allocation.
  const table = new WordTable();
  const termIds = new Map<string, number>();
  const termNames: string[] = [];
  let wordTerm = new Int32Array(1024);
  let wordDocs = new Int32Array(1024); // talks the word occurs in, for the vocabulary
  let wordLastDoc = new Int32Array(1024).fill(-1);
  let knownWords = 0;
  const termOf = (word: string): number => {
    if (!keep(word)) return -1;
    const s = stem(word);
    let id = termIds.get(s);
    if (id === undefined) {
      id = termNames.length;
      termIds.set(s, id);
      termNames.push(s);
    }
    return id;
  };
  /** Gives every word id up to `id` its term, in id order. */
  const know = (id: number): void => {
    if (id < knownWords) return;
    if (id >= wordTerm.length) {
      wordTerm = grown(wordTerm, id + 1);
      wordDocs = grown(wordDocs, id + 1);
      wordLastDoc = grown(wordLastDoc, id + 1, -1);
    }
    for (; knownWords <= id; knownWords++) wordTerm[knownWords] = termOf(table.words[knownWords]!);
  };

  // What one scan of a field collects: its terms, and (when `collect`) the vocabulary's
  // talk counts and the speaker: filter's name parts.
  let d = 0;
  let collect = false;
  let vocabularyField = false;
  let speakerField = false;
  let fieldTerms = new Int32Array(256);
  let fieldLength = 0;
  const speakerDocs = new Map<number, number[]>(); // name part (word id) → talks, in first-seen order
  const speakerCounts = new Map<number, number>(); // occurrences, for ranking corrections
  const addTerm = (term: number) => {
    if (term < 0) return;
    if (fieldLength === fieldTerms.length) fieldTerms = grown(fieldTerms, fieldLength + 1);
    fieldTerms[fieldLength++] = term;
  };
  const addNamePart = (id: number) => {
    if (table.words[id]!.length < 2) return;
    speakerCounts.set(id, (speakerCounts.get(id) ?? 0) + 1);
    const list = speakerDocs.get(id);
    if (!list) speakerDocs.set(id, [d]);
    else if (list[list.length - 1] !== d) list.push(d);
  };
  const onWord = (id: number, parts: readonly number[] | null) => {
    know(id);
    addTerm(wordTerm[id]!);
    if (parts) {
      for (const p of parts) {
        know(p);
        addTerm(wordTerm[p]!);
      }
    }
    if (!collect) return;
    if (vocabularyField && wordLastDoc[id] !== d) {
      wordLastDoc[id] = d;
      wordDocs[id]!++;
    }
    if (speakerField) {
      addNamePart(id);
      if (parts) for (const p of parts) addNamePart(p);
    }
  };
  /** Scans one field of talk `d`; returns its number of terms (left in `fieldTerms`). */
  const scanField = (talk: Talk, f: FieldName): number => {
    fieldLength = 0;
    vocabularyField = f !== "event";
    speakerField = f === "speakers";
    for (const text of fieldPieces(talk, f)) table.scan(text, onWord);
    return fieldLength;
  };

  // Average field lengths, for BM25 length normalisation. Scanning the sample first also
  // interns its words in the order the main pass below would.
  const avg = Object.fromEntries(FIELDS.map((f) => [f, 0])) as Record<FieldName, number>;
  const sample = Math.min(N, RANKING.lengthSample);
  for (d = 0; d < sample; d++) for (const f of FIELDS) avg[f] += scanField(talks[d]!, f) / sample;
  for (const f of FIELDS) avg[f] = Math.max(avg[f], 1);

  const eventIds = new Map<string, number>();
  const events: EventEntry[] = [];
  const eventOf = new Int32Array(N);
  const topicLists = new Map<string, number[]>();
  const years = new Int16Array(N);

  // Per-talk pseudo term frequencies, indexed by term id, grown as terms appear.
  let pseudoTf = new Float64Array(1024);
  let docTerms = new Int32Array(1024);
  const postings = new PostingsBuilder(N);
  collect = true;
  for (d = 0; d < N; d++) {
    const talk = talks[d]!;
    let distinct = 0;
    for (const f of FIELDS) {
      const length = scanField(talk, f);
      if (length === 0) continue;
      const { weight, b } = RANKING.fields[f];
      const norm = weight / (1 - b + (b * length) / avg[f]);
      if (termNames.length > pseudoTf.length) {
        pseudoTf = grown(pseudoTf, termNames.length);
        docTerms = grown(docTerms, termNames.length);
      }
      for (let k = 0; k < length; k++) {
        const t = fieldTerms[k]!;
        if (pseudoTf[t] === 0) docTerms[distinct++] = t;
        pseudoTf[t]! += norm;
      }
    }
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
  const lists = postings.finish(termNames.length, (n) => Math.log(1 + (N - n + 0.5) / (n + 0.5)));
  const raw = new Map<string, PostingList>();
  termNames.forEach((term, id) => {
    raw.set(term, lists[id]!);
  });
  const vocabulary = new Vocabulary();
  table.words.forEach((w, id) => {
    if ((wordDocs[id] ?? 0) > 0) vocabulary.add(w, wordDocs[id]);
  });
  vocabulary.prepare();
  const speakerVocabulary = new Vocabulary();
  for (const [id, count] of speakerCounts) speakerVocabulary.add(table.words[id]!, count);
  speakerVocabulary.prepare();

  return {
    talks,
    postings: raw,
    termIds,
    words: table,
    wordTerm: wordTerm.slice(0, knownWords),
    vocabulary,
    speakerParts: new Map(
      [...speakerDocs].map(([id, v]) => [table.words[id]!, Int32Array.from(v)]),
    ),
    speakerVocabulary,
    events,
    eventOf,
    topicDocs: new Map([...topicLists].map(([k, v]) => [k, Int32Array.from(v)])),
    years,
  };
}
