// Builds the search index over the catalog: BM25F term scores per (term, talk) in posting
// lists, the vocabulary for typo correction, and small indexes for the speaker:, event:,
// topic: and year: filters. At once at start-up; in slices on a reload (src/core/slices.ts),
// the same steps either way, so both give the same index.
import { runSteps, runStepsInSlices } from "../../slices.ts";
import type { Talk } from "../../talk.ts";
import { rawWords, stem } from "../query/tokenize.ts";
import type { Vocabulary } from "../query/vocabulary.ts";
import { CatalogScanner } from "./catalog-scan.ts";
import { appendTo, type PostingList } from "./postings.ts";
import type { TermSequences } from "./sequences.ts";
import { weighing } from "./weights.ts";

export interface EventEntry {
  readonly id: string;
  readonly name: string;
  /** "LPC 2010" for "Linux Plumbers Conference 2010, …": what people also call it. */
  readonly shortName: string;
  /** Stems and folded words of the event's names and id. */
  readonly terms: ReadonlySet<string>;
}

export interface SearchIndex {
  readonly talks: readonly Talk[];
  readonly postings: ReadonlyMap<string, PostingList>;
  /** Term (stem) → its id; ids number the posting lists in order of first appearance. */
  readonly termIds: ReadonlyMap<string, number>;
  /** Term id → stem: termIds the other way round (the scan numbers them so). */
  readonly termNames: readonly string[];
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
  return runSteps(indexing(talks));
}

/** buildIndex in slices: the event loop gets a turn every few ms (a reload while answering). */
export function buildIndexInSlices(talks: readonly Talk[]): Promise<SearchIndex> {
  return runStepsInSlices(indexing(talks));
}

/** Talks (or terms) handled between two yields where each costs next to nothing. */
const CHEAP_PER_STEP = 512;

/** The build, yielding between talks and between chunks of its lists. */
function* indexing(talks: readonly Talk[]): Generator<void, SearchIndex> {
  const N = talks.length;
  const scan = new CatalogScanner(N);

  const postings = yield* weighing(talks, scan);

  const eventIds = new Map<string, number>();
  const events: EventEntry[] = [];
  const eventOf = new Int32Array(N);
  const topicLists = new Map<string, number[]>();
  const years = new Int16Array(N);

  for (let d = 0; d < N; d++) {
    const talk = talks[d]!;
    let e = eventIds.get(talk.eventId);
    if (e === undefined) {
      e = events.length;
      eventIds.set(talk.eventId, e);
      const words = rawWords(`${talk.event} ${talk.eventShort} ${talk.eventId}`);
      const terms = new Set<string>();
      for (const w of words) for (const s of [w.surface, ...w.parts]) terms.add(s).add(stem(s));
      events.push({ id: talk.eventId, name: talk.event, shortName: talk.eventShort, terms });
    }
    eventOf[d] = e;
    for (const topic of talk.topics) {
      appendTo(topicLists, topic, d);
    }
    years[d] = talk.year;
    if (d % CHEAP_PER_STEP === CHEAP_PER_STEP - 1) yield;
  }

  const speakers = yield* scan.speakerSteps();
  const sequences = yield* scan.termSequenceSteps();
  const vocabulary = yield* scan.vocabularySteps();

  return {
    talks,
    postings,
    termIds: scan.termIds,
    termNames: scan.termNames,
    sequences,
    vocabulary,
    speakerParts: speakers.parts,
    speakerVocabulary: speakers.vocabulary,
    events,
    eventOf,
    topicDocs: new Map([...topicLists].map(([k, v]) => [k, Int32Array.from(v)])),
    years,
  };
}
