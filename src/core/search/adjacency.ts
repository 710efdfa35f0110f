// Whether runs of query terms stand in a talk as written: adjacent, in order, stop words
// skipped, within one field (title, summary or description, one key point, the names). Quoted phrases
// must; adjacent query words earn a bonus. The talk's text is scanned through the index's
// word table to term ids, so checking a candidate slices, folds and stems nothing.
import type { Talk } from "../talk.ts";
import type { SearchIndex } from "./index.ts";

/** A run of term ids; null when a term is in no talk at all (the run can never stand). */
export type Run = Int32Array | null;

export function toRun(terms: readonly string[], index: SearchIndex): Run {
  const run = new Int32Array(terms.length);
  for (let i = 0; i < terms.length; i++) {
    const id = index.termIds.get(terms[i]!);
    if (id === undefined) return null;
    run[i] = id;
  }
  return run;
}

export class RunFinder {
  private seq = new Int32Array(512);
  private length = 0;
  private readonly push = (word: number) => {
    const term = this.index.wordTerm[word] ?? -1;
    if (term < 0) return;
    if (this.length === this.seq.length) {
      const grown = new Int32Array(this.seq.length * 2);
      grown.set(this.seq);
      this.seq = grown;
    }
    this.seq[this.length++] = term;
  };

  constructor(private readonly index: SearchIndex) {}

  /** Sets found[i] to 1 for each run that stands in the talk (found is cleared first). */
  find(talk: Talk, runs: readonly Run[], found: Uint8Array): void {
    found.fill(0);
    const field = (texts: readonly string[]) => {
      this.length = 0;
      for (const t of texts) this.index.words.scan(t, this.push);
      runs.forEach((run, i) => {
        if (run && !found[i] && this.contains(run)) found[i] = 1;
      });
    };
    field([talk.title]);
    field([talk.description ?? talk.summary]); // what the index holds (buildIndex)
    for (const point of talk.keyPoints) field([point]);
    field([...talk.speakers, ...talk.authors]);
  }

  private contains(run: Int32Array): boolean {
    const seq = this.seq;
    outer: for (let i = 0; i + run.length <= this.length; i++) {
      for (let j = 0; j < run.length; j++) if (seq[i + j] !== run[j]) continue outer;
      return true;
    }
    return false;
  }
}
