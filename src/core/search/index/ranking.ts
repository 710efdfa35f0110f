// The ranking constants of the index: field weights and BM25 length normalisation. Apart
// from build.ts so the catalog scan, the reference scorer and the benchmarks can read them
// without importing the build.

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
  /**
   * A word in at least this share of the catalog's talks says little about any one of
   * them ("guest" in a catalog of virtualization talks): a lay term may have such words
   * inside ("keeping vms apart"), and a bare question of them is everyday talk.
   */
  commonShare: 0.25,
  /**
   * A talk answers a query when the concepts it matches carry at least this share of the
   * query's information (the sum of its concepts' idf), and it matches the most
   * informative one. Rare words decide; words most talks hold are optional.
   */
  acceptShare: 0.7,
  /**
   * The share when the most informative concept is the domain's vocabulary (synonyms,
   * lay terms): "fast booting microvms for containers" is answered by a microVM talk that
   * says nothing about booting.
   */
  acceptKnown: 0.5,
  /** The share is of this many of a query's most informative concepts (concepts.ts). */
  acceptConcepts: 4,
  /**
   * The field's vocabulary is the subject a question must match when it tells at least
   * this share of what its most informative plain word does (concepts.ts, knownSubject).
   */
  knownSubject: 0.7,
  /**
   * A word talks are named by is the subject, rather than a plain word none is named by,
   * when it tells at least this share of what that word does (concepts.ts, knownSubject).
   */
  namedSubject: 0.3,
  /** ...and a word the catalog lacks only beside this many words it has. */
  unseenAside: 5,
  /** ...in a query of at least this many words (a sentence, not keywords). */
  knownSubjectWords: 3,
  /**
   * A question of the domain with at least this many words (its concepts' labels) need
   * not match any one concept, only its share of the information (concepts.ts).
   */
  longQuestionWords: 6,
  /** An everyday word's information beside a question's subject, as a share of its idf. */
  everydayInfo: 0.5,
  /**
   * A plain word's information (not the field's vocabulary) in a long question that
   * says the field's vocabulary too: the asker's setup, said around what is asked.
   */
  plainInfo: 0.7,
  /**
   * The weight of a concept that only supports a ranking (the words of a topic a filter
   * asks for), as a share of its weight: what was asked for, as much as the words typed.
   */
  supportWeight: 1,
  /** Fields shorter than this share of the average are normalised as if this long (stubs). */
  shortest: 0.5,
});

/** How much finding a term in a talk tells, by how many of the N talks hold it (BM25's idf). */
export function idf(df: number, N: number): number {
  return Math.log(1 + (N - df + 0.5) / (df + 0.5));
}

export type FieldName = keyof typeof RANKING.fields;

/** The fields in the order the index scans them (sums are added in this order). */
export const FIELDS = Object.keys(RANKING.fields) as FieldName[];
