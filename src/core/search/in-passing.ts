// Mentioned in passing is not about. A question without a word of the field ("best
// sourdough bread recipe", "how do I learn to play the guitar") matched only in a talk's
// abstract (an IoT talk that once baked bread, a synthesizer's guitar effects) is not
// answered by that talk: off-topic questions get no answer rather than a stray sentence.
// A question with the field's vocabulary (a synonym or lay phrase, a VM setting), a
// filter, or a single word typed keeps every match: there a word in an abstract is a lead.
import { LRUCache } from "lru-cache";
import type { SearchRequest } from "../grammar.ts";
import type { Talk } from "../talk.ts";
import type { Concept } from "./query/concept.ts";
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
  if (concepts.some((c) => c.known)) return false;
  if (request.words.join(" ").trim().split(/\s+/).length < 2) return false;
  return concepts.every(
    (c, bit) =>
      !(required & (1 << bit)) || !c.alternatives.some((a) => a.terms.every((t) => named.has(t))),
  );
}

/**
 * Terms of what a talk says it is about (title, topics, key points) and who gave it
 * where (speakers, event), lately read.
 */
const named = new LRUCache<Talk, ReadonlySet<string>>({ max: 5_000 });

function namedTerms(talk: Talk): ReadonlySet<string> {
  let terms = named.get(talk);
  if (!terms) {
    const out: string[] = [];
    const names = [...talk.speakers, ...talk.authors, talk.event, talk.eventShort];
    for (const text of [talk.title, ...talk.topics, ...talk.keyPoints, ...names])
      indexTerms(text, out);
    terms = new Set(out);
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
  const terms = namedTerms(talk);
  for (const [bit, c] of concepts.entries()) {
    if (c.support || c.corrected || !(mask & (1 << bit))) continue;
    if (c.alternatives.some((a) => a.terms.every((t) => terms.has(t)))) return false;
  }
  return true;
}
