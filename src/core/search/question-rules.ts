// The rules a question is answered under, worked out once for the engine and for
// `cli search --explain`, so that what explain reports is what the engine did: a link
// pasted alone, a question without the field's words (in-passing.ts), one stating the VM
// setting (setting.ts).
import type { SearchRequest } from "../search-request.ts";
import type { SearchWords } from "../word-data.ts";
import { fieldWords, plainQuestion, plainSentence } from "./in-passing.ts";
import type { SearchIndex } from "./index/build.ts";
import { pastedAddress, talksLinkedFrom } from "./linked.ts";
import type { Concept } from "./query/concept.ts";
import { titleStems } from "./query/words.ts";
import { statesSetting } from "./setting.ts";

/**
 * The talks carrying a link pasted alone (no other words, no filter), maybe none; null
 * when the question is no link alone.
 */
export function pastedLink(request: SearchRequest, index: SearchIndex): readonly number[] | null {
  const alone =
    request.phrases.length + request.speakers.length + request.events.length === 0 &&
    request.topics.length === 0 &&
    !request.years;
  const address = alone ? pastedAddress(request.words) : null;
  return address === null ? null : talksLinkedFrom(address, index);
}

export interface QuestionRules {
  /** The question states its VM setting: talks carrying it are preferred (setting.ts). */
  readonly stated: boolean;
  /** No word of the field: a talk saying it only in its abstract does not answer. */
  readonly plain: boolean;
  /** A sentence without the field's words: only a strong match answers (weakMatch). */
  readonly sentence: boolean;
}

/**
 * `must`: the concepts every answer must match (concepts.ts acceptance, required or one
 * of the alternatives asked).
 */
export function questionRules(
  request: SearchRequest,
  concepts: readonly Concept[],
  must: number,
  index: SearchIndex,
  words: SearchWords,
): QuestionRules {
  const { language, synonyms } = words;
  const stated = statesSetting(concepts, language, synonyms);
  const plain = plainQuestion(request, concepts, stated, must, titleStems(index));
  // (Only a question stating the setting can hold a context word everyday English says.)
  const bare = stated ? fieldWords(concepts, language) : concepts;
  const sentence = plainSentence(request, bare, (cs) => statesSetting(cs, language, synonyms));
  return { stated, plain, sentence };
}
