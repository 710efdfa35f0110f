// The BM25F value of every (term, talk) pair, in two passes over the catalog: the first
// scans each field once and keeps its terms, so that average field lengths (and each
// term's document frequency) come from the whole catalog (not a sample in load order,
// which in a catalog imported oldest first holds only short old abstracts); the second
// weighs the kept terms. Scanning twice
// instead would cost the build its most expensive step twice.
import { runSteps } from "../../slices.ts";
import type { Talk } from "../../talk.ts";
import { type CatalogScanner, grown } from "./catalog-scan.ts";
import { FieldAverages, normalisedLength } from "./fields.ts";
import { type Postings, PostingsBuilder } from "./postings.ts";
import { FIELDS, idf, RANKING } from "./ranking.ts";

const CHUNK_BITS = 18;
const CHUNK = 1 << CHUNK_BITS;

/**
 * The catalog's field terms back to back, in fixed-size chunks (no copying as it grows).
 * 16 bits a term while every term id fits (a catalog has tens of thousands of terms at
 * most), 32 from the chunk where a larger one turns up. Each chunk is a new buffer the
 * garbage collector counts as external memory, and once a reload has allocated much of it
 * since the last full collection, a new buffer can cost a marking step of several ms
 * (--trace-gc): half-megabyte chunks of half-width terms halve the build's fresh memory
 * and make no single large allocation (it was 4 MB of 32-bit terms a chunk).
 */
class TermStore {
  private readonly chunks: (Uint16Array | Int32Array)[] = [];
  private used = CHUNK;
  private wide = false;

  append(terms: Int32Array, length: number): void {
    for (let k = 0; k < length; k++) {
      const t = terms[k]!;
      if (this.used === CHUNK) {
        this.chunks.push(this.wide ? new Int32Array(CHUNK) : new Uint16Array(CHUNK));
        this.used = 0;
      }
      if (t > 0xffff && !this.wide) this.widen();
      this.chunks[this.chunks.length - 1]![this.used++] = t;
    }
  }

  /** From now on 32 bits a term: the current chunk copied wide, the next ones made wide. */
  private widen(): void {
    this.wide = true;
    const last = this.chunks.length - 1;
    const wide = new Int32Array(CHUNK);
    wide.set(this.chunks[last]!);
    this.chunks[last] = wide;
  }

  at(k: number): number {
    return this.chunks[k >>> CHUNK_BITS]![k & (CHUNK - 1)]!;
  }
}

/**
 * Scans every talk (the scanner collects the vocabulary, names and sequences on the way)
 * and returns the posting lists: saturated, length-normalised term frequencies times idf.
 */
export function weighTerms(talks: readonly Talk[], scan: CatalogScanner): Postings {
  return runSteps(weighing(talks, scan));
}

/** weighTerms, yielding after each talk of both passes (a reload builds it in slices). */
export function* weighing(talks: readonly Talk[], scan: CatalogScanner): Generator<void, Postings> {
  const N = talks.length;
  const F = FIELDS.length;
  const lengths = new Int32Array(N * F);
  const store = new TermStore();
  const postings = new PostingsBuilder();
  const averages = new FieldAverages(N);
  for (let d = 0; d < N; d++) {
    for (let i = 0; i < F; i++) {
      const length = scan.scanField(talks[d]!, d, FIELDS[i]!, true);
      lengths[d * F + i] = length;
      averages.add(i, length);
      store.append(scan.fieldTerms, length);
      postings.count(scan.fieldTerms, length, d);
    }
    scan.endTalk();
    yield;
  }
  const avg = averages.result();

  // Per-talk pseudo term frequencies, indexed by term id.
  const pseudoTf = grown(new Float64Array(0), scan.termNames.length);
  const docTerms = grown(new Int32Array(0), scan.termNames.length);
  yield* postings.laying(scan.termNames.length, (df) => idf(df, N));
  let k = 0;
  for (let d = 0; d < N; d++) {
    let distinct = 0;
    for (let i = 0; i < F; i++) {
      const length = lengths[d * F + i]!;
      if (length === 0) continue;
      const { weight, b } = RANKING.fields[FIELDS[i]!];
      const norm = weight / (1 - b + (b * normalisedLength(length, avg[i]!)) / avg[i]!);
      for (const end = k + length; k < end; k++) {
        const t = store.at(k);
        if (pseudoTf[t] === 0) docTerms[distinct++] = t;
        pseudoTf[t]! += norm;
      }
    }
    for (let j = 0; j < distinct; j++) {
      const t = docTerms[j]!;
      const tf = pseudoTf[t]!;
      postings.add(t, d, (tf * (RANKING.k1 + 1)) / (tf + RANKING.k1));
      pseudoTf[t] = 0;
    }
    yield;
  }
  return postings.finish(scan.termIds);
}
