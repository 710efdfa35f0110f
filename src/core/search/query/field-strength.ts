// How strongly a speaker works in the bot's field: a first name ("talks by stefan", "what
// did george present") matches dozens of speakers in a broad catalog, and a bot of
// virtualization talks is asked about the field's Stefan. A talk carries the field as
// strongly as the strongest of the setting's words it holds (chat-words.json `context`,
// less the words other fields use too), weighed as the index weighs them (in the title
// most, rare words most); a speaker, by the sum over their talks with one talk's worth of
// nothing added, so that many talks in the field outweigh one, and one talk mentioning a
// VM in passing ("the JVM") weighs little.
import type { SearchIndex } from "../index/build.ts";
import type { PostingList } from "../index/postings.ts";
import type { ChatLanguage } from "./chat-language.ts";

/** The value of a term in a talk (0 when the talk lacks it): a binary search of its list. */
function valueIn(list: PostingList, doc: number): number {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const d = list.docs[mid]!;
    if (d === doc) return list.values[mid]!;
    if (d < doc) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}

/**
 * Per talk of `speakersOf`, the strength of its strongest named speaker: the speakers
 * `speakersOf` gives for a talk (those the name matched, not their co-speakers). Work
 * over these talks only, a binary search per setting word and talk.
 */
export function speakerStrengths(
  speakersOf: ReadonlyMap<number, readonly string[]>,
  index: SearchIndex,
  language: ChatLanguage,
): Map<number, number> {
  // The lists once per question: each lookup of the index's lists builds a view.
  const phrases = language.setting.carried.flatMap((terms) => {
    const lists = terms.map((t) => index.postings.get(t));
    return lists.every((l) => l !== undefined) ? [lists as PostingList[]] : [];
  });
  const carries = (doc: number) => {
    let best = 0;
    for (const lists of phrases) {
      let least = Number.POSITIVE_INFINITY;
      for (const list of lists) least = Math.min(least, valueIn(list, doc));
      if (least > best) best = least;
    }
    return best;
  };
  const sum = new Map<string, number>();
  const count = new Map<string, number>();
  for (const [doc, speakers] of speakersOf) {
    const value = carries(doc);
    for (const s of speakers) {
      sum.set(s, (sum.get(s) ?? 0) + value);
      count.set(s, (count.get(s) ?? 0) + 1);
    }
  }
  const strength = (s: string) => sum.get(s)! / (count.get(s)! + 1);
  const out = new Map<number, number>();
  for (const [doc, speakers] of speakersOf) out.set(doc, Math.max(0, ...speakers.map(strength)));
  return out;
}
