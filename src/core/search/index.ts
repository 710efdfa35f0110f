// Builds the search index over the catalog once at start-up: BM25F term scores per
// (term, talk) in posting lists, the vocabulary for typo correction, and small indexes
// for the speaker:, event:, topic: and year: filters.
import type { Talk } from "../talk.ts";
import { appendTo, PostingList } from "./postings.ts";
import { indexTerms, keep, rawWords, stem } from "./tokenize.ts";
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

function fieldTexts(t: Talk): Record<FieldName, string> {
  return {
    title: t.title,
    speakers: [...t.speakers, ...t.authors].join(" , "),
    topics: t.topics.join(" "),
    keyPoints: t.keyPoints.join(" . "),
    // An imported talk is searched by its full abstract; the card shows the cut summary.
    summary: t.description ?? t.summary,
    event: `${t.event} ${t.eventShort}`,
  };
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

export function buildIndex(talks: readonly Talk[]): SearchIndex {
  const N = talks.length;
  // Average field lengths, for BM25 length normalisation.
  const avg = Object.fromEntries(FIELDS.map((f) => [f, 0])) as Record<FieldName, number>;
  const sample = Math.min(N, RANKING.lengthSample);
  for (let d = 0; d < sample; d++) {
    const texts = fieldTexts(talks[d]!);
    for (const f of FIELDS) avg[f] += indexTerms(texts[f]).length / sample;
  }
  for (const f of FIELDS) avg[f] = Math.max(avg[f], 1);

  // Every distinct word is interned once (its id in the word table), with the id of the
  // term it yields (its stem; -1 for a stop word). Later occurrences cost no allocation.
  const table = new WordTable();
  const surfaceTerm: number[] = [];
  const surfaceDocs: number[] = []; // talks the word occurs in, for the vocabulary
  const surfaceLastDoc: number[] = [];
  const termIds = new Map<string, number>();
  const termNames: string[] = [];
  const lists: PostingList[] = [];
  const termOf = (word: string): number => {
    if (!keep(word)) return -1;
    const s = stem(word);
    let id = termIds.get(s);
    if (id === undefined) {
      id = termNames.length;
      termIds.set(s, id);
      termNames.push(s);
      lists.push(new PostingList());
    }
    return id;
  };
  const known = (id: number): number => {
    for (let k = surfaceTerm.length; k <= id; k++) {
      surfaceTerm.push(termOf(table.words[k]!));
      surfaceDocs.push(0);
      surfaceLastDoc.push(-1);
    }
    return id;
  };

  const speakerLists = new Map<string, number[]>();
  const speakerVocabulary = new Vocabulary();
  const eventIds = new Map<string, number>();
  const events: EventEntry[] = [];
  const eventOf = new Int32Array(N);
  const topicLists = new Map<string, number[]>();
  const years = new Int16Array(N);

  // Per-talk pseudo term frequencies, indexed by term id, grown as terms appear.
  let pseudoTf = new Float64Array(1024);
  const docTerms: number[] = [];
  const fieldTerms: number[] = [];
  const addTerm = (term: number) => {
    if (term >= 0) fieldTerms.push(term);
  };
  for (let d = 0; d < N; d++) {
    const talk = talks[d]!;
    const texts = fieldTexts(talk);
    for (const f of FIELDS) {
      fieldTerms.length = 0;
      const vocabularyField = f !== "event";
      table.scan(texts[f], (word, parts) => {
        const id = known(word);
        addTerm(surfaceTerm[id]!);
        if (parts) for (const p of parts) addTerm(surfaceTerm[known(p)]!);
        if (vocabularyField && surfaceLastDoc[id] !== d) {
          surfaceLastDoc[id] = d;
          surfaceDocs[id]!++;
        }
      });
      if (fieldTerms.length === 0) continue;
      const { weight, b } = RANKING.fields[f];
      const norm = weight / (1 - b + (b * fieldTerms.length) / avg[f]);
      if (termNames.length > pseudoTf.length) {
        const grown = new Float64Array(termNames.length * 2);
        grown.set(pseudoTf);
        pseudoTf = grown;
      }
      for (const t of fieldTerms) {
        if (pseudoTf[t] === 0) docTerms.push(t);
        pseudoTf[t]! += norm;
      }
    }
    for (const t of docTerms) {
      const tf = pseudoTf[t]!;
      // Saturated term frequency; idf is applied once document frequencies are known.
      lists[t]!.push(d, (tf * (RANKING.k1 + 1)) / (tf + RANKING.k1));
      pseudoTf[t] = 0;
    }
    docTerms.length = 0;

    for (const name of [...talk.speakers, ...talk.authors]) {
      for (const w of rawWords(name)) {
        for (const part of [w.surface, ...w.parts]) {
          if (part.length < 2) continue;
          speakerVocabulary.add(part);
          const list = speakerLists.get(part);
          if (list?.[list.length - 1] !== d) appendTo(speakerLists, part, d);
        }
      }
    }

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

  const raw = new Map<string, PostingList>();
  termNames.forEach((term, id) => {
    const list = lists[id]!;
    raw.set(term, list);
    const n = list.length; // one posting per talk: the list length is the document frequency
    const idf = Math.log(1 + (N - n + 0.5) / (n + 0.5));
    for (let i = 0; i < list.length; i++) list.values[i] = list.values[i]! * idf;
    list.trim();
  });
  const vocabulary = new Vocabulary();
  table.words.forEach((w, id) => {
    if ((surfaceDocs[id] ?? 0) > 0) vocabulary.add(w, surfaceDocs[id]);
  });
  vocabulary.prepare();
  speakerVocabulary.prepare();

  return {
    talks,
    postings: raw,
    termIds,
    words: table,
    wordTerm: Int32Array.from(surfaceTerm),
    vocabulary,
    speakerParts: new Map([...speakerLists].map(([k, v]) => [k, Int32Array.from(v)])),
    speakerVocabulary,
    events,
    eventOf,
    topicDocs: new Map([...topicLists].map(([k, v]) => [k, Int32Array.from(v)])),
    years,
  };
}
