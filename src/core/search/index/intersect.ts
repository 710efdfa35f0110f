// Talks holding every one of several terms: posting lists are sorted by talk, so the
// shortest list drives and the others are sought forward (a few linear steps, then
// galloping), which costs about the short list's length however long the others are.
// Justified by bench:search at 100,000 talks, not at 10,000 (where lists are short and a
// linear step was within noise): on the twelve-typo query, intersections took 3 ms of
// an 8 ms search stepping linearly.
import type { PostingList } from "./postings.ts";

/** The first position at or after `from` whose talk is >= `doc`. */
export function seek(list: PostingList, from: number, doc: number): number {
  const docs = list.docs;
  const n = list.length;
  // Lists of similar length: the next few postings usually hold it.
  let i = from;
  for (const end = Math.min(n, from + 8); i < end; i++) if (docs[i]! >= doc) return i;
  let lo = i;
  let step = 8;
  let hi = i;
  while (hi < n && docs[hi]! < doc) {
    lo = hi + 1;
    hi += step;
    step *= 2;
  }
  if (hi > n) hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (docs[mid]! < doc) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The value of a term in talk `doc` (0 when the talk lacks it): one seek of its list. */
export function valueAt(list: PostingList, doc: number): number {
  const i = seek(list, 0, doc);
  return i < list.length && list.docs[i] === doc ? list.values[i]! : 0;
}

/**
 * Writes the talks found in every list to `docs` (ascending) and, when given, the
 * greatest of their values to `best`: several words that all stand in a talk (a phrase)
 * tell at least what the most telling of them does, and no more than one word.
 * The shortest list drives; the others are sought. Returns how many talks. Both outputs
 * must hold the shortest list.
 */
export function intersect(
  lists: readonly PostingList[],
  docs: Int32Array,
  best: Float64Array | null,
): number {
  let s = 0;
  for (let k = 1; k < lists.length; k++) if (lists[k]!.length < lists[s]!.length) s = k;
  const at = new Int32Array(lists.length);
  const drive = lists[s]!;
  let n = 0;
  next: for (let i = 0; i < drive.length; i++) {
    const d = drive.docs[i]!;
    for (let k = 0; k < lists.length; k++) {
      if (k === s) continue;
      const list = lists[k]!;
      const p = seek(list, at[k]!, d);
      at[k] = p;
      if (p === list.length) break next;
      if (list.docs[p] !== d) continue next;
    }
    docs[n] = d;
    if (best) {
      at[s] = i;
      let most = 0;
      for (let k = 0; k < lists.length; k++) most = Math.max(most, lists[k]!.values[at[k]!]!);
      best[n] = most;
    }
    n++;
  }
  return n;
}
