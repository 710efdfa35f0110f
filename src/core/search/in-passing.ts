// Mentioned in passing is not about. A question without a word of the field ("best
// sourdough bread recipe", "how do I learn to play the guitar") matched only in a talk's
// abstract (an IoT talk that once baked bread, a synthesizer's guitar effects) is not
// answered by that talk: off-topic questions get no answer rather than a stray sentence.
// A question with the field's vocabulary (a synonym or lay phrase, a VM setting), a
// filter, or a single word typed keeps every match: there a word in an abstract is a lead.
import { LRUCache } from "lru-cache";
import type { SearchRequest } from "../search-request.ts";
import type { Talk } from "../talk.ts";
import type { ChatLanguage } from "./query/chat-language.ts";
import { type Concept, fieldVocabulary, typedStems } from "./query/concept.ts";
import { indexTerms } from "./query/tokenize.ts";

/**
 * Whether the rule applies: no concept is the field's vocabulary, the question states no
 * VM setting, it is more than one word with no filter, and what it must match (the
 * `required` bits) names no talk of the catalog (`named`: the stems of every title, topic
 * and speaker): "deltacloud api" is asked of a catalog with talks named Deltacloud.
 */
export function plainQuestion(
  request: SearchRequest,
  concepts: readonly Concept[],
  statesSetting: boolean,
  required: number,
  named: ReadonlySet<string>,
): boolean {
  if (statesSetting || request.phrases.length > 0) return false;
  if (request.speakers.length || request.events.length || request.topics.length || request.years)
    return false;
  // (Any `known`, support concepts too: they come only with a topic filter, returned above.)
  if (concepts.some((c) => c.known)) return false;
  if (typedWordCount(request) < 2) return false;
  return concepts.every(
    (c, bit) =>
      !(required & (1 << bit)) || !c.alternatives.some((a) => a.terms.every((t) => named.has(t))),
  );
}

/**
 * Terms of what a talk says it is about (title, topics, key points) and who gave it
 * where (speakers, event), lately read; `heading`: the same without the key points.
 */
interface Named {
  readonly all: ReadonlySet<string>;
  readonly heading: ReadonlySet<string>;
}
const named = new LRUCache<Talk, Named>({ max: 5_000 });

function namedTerms(talk: Talk): Named {
  let terms = named.get(talk);
  if (!terms) {
    const out: string[] = [];
    const names = [...talk.speakers, ...talk.authors, talk.event, talk.eventShort];
    for (const text of [talk.title, ...talk.topics, ...names]) indexTerms(text, out);
    const heading = new Set(out);
    for (const text of talk.keyPoints) indexTerms(text, out);
    terms = { all: new Set(out), heading };
    named.set(talk, terms);
  }
  return terms;
}

/**
 * Whether every concept the talk matched (bits of `mask`) is only in its abstract: no
 * alternative of any of them is in the title, the topics, the key points or the names.
 * A typo correction does not count: in a question without a word of the field, a word
 * the catalog lacks corrected into a title's word is a guess ("tennis" → "tens", and a
 * talk titled "... turns ten"), not what the question is about.
 */
export function onlyInPassing(talk: Talk, concepts: readonly Concept[], mask: number): boolean {
  const terms = namedTerms(talk).all;
  for (const [bit, c] of concepts.entries()) {
    if (c.support || c.corrected || !(mask & (1 << bit))) continue;
    if (c.alternatives.some((a) => a.terms.every((t) => terms.has(t)))) return false;
  }
  return true;
}

/** How many words the question's free text holds (filters apart). */
export const typedWordCount = (request: SearchRequest) =>
  request.words.join(" ").trim().split(/\s+/).length;

/**
 * Whether a question of sentence length says nothing of the field: no filter or quoted
 * phrase, and no word of the field's vocabulary or setting but those everyday English
 * says too ("we have guests coming over", "host a birthday party for kids"). Such a
 * question is answered only by a strong match (weakMatch). `stated`: whether concepts
 * state the VM setting (statesSetting), asked of those `fieldWords` keeps.
 */
export function plainSentence(
  request: SearchRequest,
  concepts: readonly Concept[],
  stated: (concepts: readonly Concept[]) => boolean,
): boolean {
  return unstatedSentence(request, concepts, stated) && !concepts.some(fieldVocabulary);
}

/**
 * A question of at least this many words is a sentence for the off-topic rules: five, as
 * "who wrote pride and prejudice" is a question, not a talk's title typed (keywords run
 * to three or four words). Shorter than RANKING.longQuestionWords, which decides how much
 * of a question a talk must match: that reading stays with sentences of six words.
 */
export const SENTENCE_WORDS = 5;

/**
 * Whether a question of sentence length, without filter or quoted phrase, states no VM
 * setting (no context word but those everyday English says too, no implying jargon).
 * Where VMs are a minority of the catalog and no talk matching it carries the setting,
 * it is another field's question ("nginx in docker compose for my node app"), answered by
 * no talk: the field's vocabulary it holds ("docker") is other fields' too.
 */
export function unstatedSentence(
  request: SearchRequest,
  concepts: readonly Concept[],
  stated: (concepts: readonly Concept[]) => boolean,
): boolean {
  if (request.phrases.length > 0) return false;
  if (request.speakers.length || request.events.length || request.topics.length || request.years)
    return false;
  if (typedWordCount(request) < SENTENCE_WORDS) return false;
  return !stated(concepts);
}

/**
 * The concepts that are the field's words: a context word everyday English says too is not.
 * (Not fieldVocabulary: this asks of a concept's typed words, not of the vocabulary data.)
 */
export function fieldWords(concepts: readonly Concept[], language: ChatLanguage): Concept[] {
  return concepts.filter((c) => !language.everydayContext.has(typedStems(c).join(" ")));
}

/**
 * Whether a talk answers a plainSentence question only weakly: one everyday word the
 * catalog happens to have in a title ("city" in "how do I get a parking permit in my
 * city"). A strong match names two of its concepts in what the talk says it is about
 * (title, topics, key points, speakers), or one that is no everyday word (a project, a
 * speaker's name) in its title, topics or names (a key point may say where the talk was
 * given before: "presented at Xen Summit Tokyo" is no answer to "what time is it in
 * tokyo"), or matches every concept of the question and names one: words found only in
 * an abstract ("the capital of france" in an open data talk) are no strong match.
 */
export function weakMatch(
  talk: Talk,
  concepts: readonly Concept[],
  mask: number,
  language: ChatLanguage,
): boolean {
  const { all: terms, heading } = namedTerms(talk);
  let named = 0;
  let all = true;
  for (const [bit, c] of concepts.entries()) {
    if (c.support) continue;
    if (!(mask & (1 << bit))) {
      all = false;
      continue;
    }
    if (c.corrected || !c.alternatives.some((a) => a.terms.every((t) => terms.has(t)))) continue;
    named++;
    const typed = typedStems(c);
    if (language.everydayContext.has(typed.join(" "))) continue;
    if (typed.every((t) => language.commonStems.has(t))) continue;
    if (c.alternatives.some((a) => a.terms.every((t) => heading.has(t)))) return false;
  }
  return named === 0 || (!all && named < 2);
}
