// Helps people find their way when a search comes back empty or names no real topic:
// the topic list with talk counts, the topics nearest to what was typed, and speakers
// whose names look like a word of the query. Pure functions over the search index.

import { editDistance } from "./edit-distance.ts";
import type { SearchIndex } from "./search/index/build.ts";
import type { ChatLanguage } from "./search/query/chat-language.ts";
import { keep, phraseTerms, rawWords, stem } from "./search/query/tokenize.ts";

export interface TopicCount {
  readonly slug: string;
  readonly description: string;
  /** How many talks carry the topic. */
  readonly talks: number;
}

/** Topics that have talks, most talks first (then by name). */
export function topicCounts(
  index: SearchIndex,
  descriptions: ReadonlyMap<string, string>,
): TopicCount[] {
  return [...index.topicDocs]
    .map(([slug, docs]) => ({
      slug,
      description: descriptions.get(slug) ?? "",
      talks: docs.length,
    }))
    .sort((a, b) => b.talks - a.talks || a.slug.localeCompare(b.slug, "en"));
}

/** The words of a query worth matching against names and topics: no stop words or filler. */
function contentWords(text: string, language: ChatLanguage): string[] {
  return rawWords(text)
    .map((w) => w.surface)
    .filter((w) => keep(w) && !language.filler.has(stem(w)));
}

/** A topic's slug and description as stems, worked out once per topic. */
const stemsOf = new WeakMap<TopicCount, { slugStems: string[]; described: Set<string> }>();
function topicStems(t: TopicCount): { slugStems: string[]; described: Set<string> } {
  let stems = stemsOf.get(t);
  if (!stems) {
    stems = {
      slugStems: t.slug.split("-").map(stem),
      described: new Set(phraseTerms(t.description)),
    };
    stemsOf.set(t, stems);
  }
  return stems;
}

/**
 * Topics close to the words typed: a word of the slug (2 points), a word of its
 * description (1), or a slug a typo away (1). Best first; empty when none is close.
 */
export function topicsNear(
  text: string,
  topics: readonly TopicCount[],
  max: number,
  language: ChatLanguage,
): readonly string[] {
  const words = contentWords(text, language);
  if (words.length === 0) return [];
  const stems = new Set(words.map(stem));
  // Misspelt slugs: everyday words are not typos of a topic, and are many.
  const common = language.common;
  const spellings = [...new Set([...words, words.join("-")])].filter(
    (w) => w.length >= 4 && !common.has(w),
  );
  const scored = topics.map((t) => {
    const { slugStems, described } = topicStems(t);
    let score = 0;
    for (const s of stems) {
      if (slugStems.includes(s)) score += 2;
      else if (described.has(s)) score += 1;
    }
    for (const w of spellings)
      if (editDistance(w, t.slug) <= Math.floor(t.slug.length / 4) + 1) score += 1;
    return { slug: t.slug, score };
  });
  return scored
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, max)
    .map((s) => s.slug);
}

/** "memory overcommit" → "memory-overcommit", to compare with a slug. */
function slugOf(text: string): string {
  return rawWords(text)
    .map((w) => w.surface)
    .join("-");
}

/** Letters a name cut short may lack and still be offered ("arcange" → "arcangeli"). */
const CUT_SHORT = 2;

/**
 * Speakers' name parts that a word of the query is, starts, or nearly spells. A word the
 * catalog's talks use is meant as that word ("bake", "tips", "patterns"), not as a
 * misspelt name ("baker", "tias", "paterno"); a name is offered for it only as written.
 */
export function speakersNear(
  text: string,
  index: SearchIndex,
  max: number,
  language: ChatLanguage,
): readonly string[] {
  const found: string[] = [];
  for (const word of contentWords(text, language)) {
    if (word.length < 3 || language.common.has(word) || /\d/.test(word)) continue;
    let part: string | undefined;
    if (index.speakerParts.has(word)) part = word;
    else if (index.postings.has(stem(word))) continue;
    else if (word.length >= 4)
      for (const p of index.speakerParts.keys())
        if (p.startsWith(word) && p.length - word.length <= CUT_SHORT) {
          part = p;
          break;
        }
    part ??= index.speakerVocabulary.correct(word, 1)[0]?.word;
    if (part && !found.includes(part)) found.push(part);
  }
  return found.slice(0, max);
}

/** How far a word is from a slug: its closest part, whole or as a prefix ("ballon" → "ballooning"). */
function slugDistance(word: string, slug: string): number {
  let best = editDistance(word, slug);
  for (const part of slug.split("-")) {
    best = Math.min(best, editDistance(word, part));
    // The part's start as long as the word, or a letter longer: a dropped letter
    // ("baloon" → "balloon…").
    if (word.length >= 3 && part.length > word.length)
      for (const end of [word.length, word.length + 1])
        best = Math.min(best, editDistance(word, part.slice(0, end)) + 0.5);
  }
  return best;
}

/**
 * Topics to offer for a topic: the catalog lacks: those its words lead to, else the
 * spellings close to it. None when nothing is close ("banana"): a "did you mean" of an
 * unrelated topic misleads, and every answer then says `topics` lists them all.
 */
export function nearestTopics(
  value: string,
  topics: readonly TopicCount[],
  max: number,
  language: ChatLanguage,
): readonly string[] {
  const near = topicsNear(value.replace(/-/g, " "), topics, max, language);
  if (near.length > 0) return near;
  const word = slugOf(value);
  // Close as a typo is (topicsNear's spellings): a slip per four letters, and never more
  // than half the word ("foo" is not "for…" of image-formats).
  const slips = Math.min(Math.floor(word.length / 4) + 1, word.length / 2);
  return topics
    .map((t) => ({ slug: t.slug, distance: slugDistance(word, t.slug) }))
    .filter((r) => r.distance <= slips)
    .sort((a, b) => a.distance - b.distance)
    .slice(0, max)
    .map((r) => r.slug);
}

/** "a", "a or b", "a, b or c": for "did you mean" lines on every platform. */
export function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} or ${items.at(-1)}`;
}
