// "Related talks" on a talk page: the talks sharing a speaker (worth 3) or a topic (1 each)
// with it, best first, newer first on a tie; at most RELATED_SCAN newest talks are looked
// at per shared speaker or topic. Talks are numbered by their place newest-first, the
// speaker and topic lists hold those numbers (catalog-index.ts builds them), and the scores
// go into one array reused by every call: a talk page at 10,000 talks spent ~225 µs of CPU
// here with a Map of scores per call (bench:web -- --page-cpu), most of a page's cost.

/** Candidates looked at per shared speaker or topic when ranking related talks. */
export const RELATED_SCAN = 200;

export interface RelatedIndex {
  /** Places (newest-first) of up to `max` talks related to the talk at place `at`. */
  top(at: number, max: number): number[];
}

/** The place lists (each the first RELATED_SCAN places of a speaker or topic) a talk draws from. */
export interface SharedLists {
  readonly bySpeaker: readonly (readonly number[])[];
  readonly byTopic: readonly (readonly number[])[];
}

/**
 * `size` talks; `listsAt(place)` the lists of the talk at `place`, each speaker and topic
 * once (a list holds each talk once, so a talk is scored once per shared speaker or topic).
 */
export function relatedIndex(size: number, listsAt: (place: number) => SharedLists): RelatedIndex {
  // Scores by place, all 0 between calls; `touched` lists the places scored in this call.
  const scores = new Int32Array(size);
  let touched = new Int32Array(1_024);
  let count = 0;
  const add = (list: readonly number[], weight: number, self: number) => {
    if (count + list.length > touched.length) {
      const grown = new Int32Array(2 * (count + list.length));
      grown.set(touched.subarray(0, count));
      touched = grown;
    }
    for (let i = 0; i < list.length; i++) {
      const other = list[i]!;
      if (other === self) continue;
      const score = scores[other]!;
      if (score === 0) touched[count++] = other;
      scores[other] = score + weight;
    }
  };
  return {
    top(at, max) {
      const { bySpeaker, byTopic } = listsAt(at);
      for (const l of bySpeaker) add(l, 3, at);
      for (const l of byTopic) add(l, 1, at);
      // The best `max` in one pass: higher score first, then the lower place (newer).
      const best: number[] = [];
      let worst = 0;
      for (let k = 0; k < count; k++) {
        const place = touched[k]!;
        const score = scores[place]!;
        // Most candidates share one topic and lose to a full list at once.
        if (best.length === max && score < worst) continue;
        let i = best.length;
        while (
          i > 0 &&
          (scores[best[i - 1]!]! < score ||
            (scores[best[i - 1]!] === score && best[i - 1]! > place))
        )
          i--;
        if (i < max) {
          best.splice(i, 0, place);
          if (best.length > max) best.pop();
          worst = scores[best[best.length - 1]!]!;
        }
      }
      for (let k = 0; k < count; k++) scores[touched[k]!] = 0;
      count = 0;
      return best;
    },
  };
}
