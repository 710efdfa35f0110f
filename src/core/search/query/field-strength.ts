// How strongly a speaker works in the bot's field: a first name ("talks by stefan", "what
// did george present") matches dozens of speakers in a broad catalog, and a bot of
// virtualization talks is asked about the field's Stefan. A talk carries the field as
// strongly as the strongest of the setting's words it holds (chat-words.json `context`,
// less the words other fields use too), weighed as the index weighs them (in the title
// most, rare words most); a speaker, by the sum over their talks with one talk's worth of
// nothing added, so that many talks in the field outweigh one, and one talk mentioning a
// VM in passing ("the JVM") weighs little.
import type { SearchIndex } from "../index/build.ts";
import { valueAt } from "../index/intersect.ts";
import type { PostingList } from "../index/postings.ts";
import type { ChatLanguage } from "./chat-language.ts";

const carriedByIndex = new WeakMap<SearchIndex, Float32Array>();

/**
 * Per talk, how strongly it carries the field: the strongest of the setting's phrases it
 * holds, a phrase as strong as its weakest word. Once per index, walking the phrases'
 * posting lists (a few thousand entries), so a first name that matches a speaker with
 * thousands of talks costs a lookup per talk, not a search per talk and phrase.
 */
export function carriedStrength(index: SearchIndex, language: ChatLanguage): Float32Array {
  const known = carriedByIndex.get(index);
  if (known) return known;
  const carried = new Float32Array(index.talks.length);
  for (const terms of language.setting.carried) {
    const lists = terms.map((t) => index.postings.get(t));
    if (!lists.every((l) => l !== undefined)) continue;
    const [first, ...rest] = lists as PostingList[];
    for (let i = 0; i < first!.length; i++) {
      const doc = first!.docs[i]!;
      let least = first!.values[i]!;
      for (const list of rest) least = Math.min(least, valueAt(list, doc));
      if (least > carried[doc]!) carried[doc] = least;
    }
  }
  carriedByIndex.set(index, carried);
  return carried;
}

/**
 * Per talk of `speakersOf`, the strength of its strongest named speaker: the speakers
 * `speakersOf` gives for a talk (those the name matched, not their co-speakers). Work
 * over these talks only, one lookup per talk.
 */
export function speakerStrengths(
  speakersOf: ReadonlyMap<number, readonly string[]>,
  index: SearchIndex,
  language: ChatLanguage,
): Map<number, number> {
  const carried = carriedStrength(index, language);
  const carries = (doc: number) => carried[doc]!;
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
