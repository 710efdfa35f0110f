// The speaker:, event:, topic: and year: filters, each turned into the set of talks it
// allows. Values are matched forgivingly: any part of a name, prefixes, typos, synonyms.

import { editDistance } from "../../edit-distance.ts";
import { fold } from "../../sanitize.ts";
import type { SearchRequest } from "../../search-request.ts";
import type { SearchIndex } from "../index/build.ts";
import type { ChatLanguage } from "./chat-language.ts";
import type { Concept } from "./concept.ts";
import { personTalks } from "./person.ts";
import type { SynonymTable } from "./synonyms.ts";
import { phraseTerms, rawWords, stem } from "./tokenize.ts";

/**
 * Talks allowed by every filter, or null when the request has no filter. A search of a
 * person's name alone (person.ts) is read as speaker: for that person.
 */
export function allowedTalks(
  request: SearchRequest,
  index: SearchIndex,
  synonyms: SynonymTable,
  language?: ChatLanguage,
): Uint8Array | null {
  const N = index.talks.length;
  let allowed: Uint8Array | null = null;
  const restrict = (docs: Iterable<number>) => {
    const next = new Uint8Array(N);
    for (const d of docs) if (!allowed || allowed[d]) next[d] = 1;
    allowed = next;
  };

  if (request.years) {
    const { from, to } = request.years;
    const docs: number[] = [];
    for (let d = 0; d < N; d++) if (index.years[d]! >= from && index.years[d]! <= to) docs.push(d);
    restrict(docs);
  }
  for (const value of request.speakers) restrict(speakerDocs(value, index));
  const person =
    language && request.speakers.length === 0 && request.phrases.length === 0
      ? personTalks(request.words, index, language)
      : null;
  if (person) restrict(person);
  for (const value of request.events) restrict(eventDocs(value, index, synonyms));
  for (const value of request.topics) restrict(topicDocs(value, index, synonyms));
  return allowed;
}

/** Talks where every word of the value matches a part of a speaker's name. */
function speakerDocs(value: string, index: SearchIndex): Set<number> {
  let result = null as Set<number> | null;
  for (const w of rawWords(value)) {
    if (w.surface.length < 2) continue;
    const docs = new Set<number>();
    const add = (part: string) => {
      for (const d of index.speakerParts.get(part) ?? []) docs.add(d);
    };
    add(w.surface);
    if (docs.size === 0 && w.surface.length >= 3) {
      for (const part of index.speakerParts.keys()) if (part.startsWith(w.surface)) add(part);
    }
    if (docs.size === 0) for (const c of index.speakerVocabulary.correct(w.surface, 2)) add(c.word);
    result = result ? new Set([...result].filter((d) => docs.has(d))) : docs;
  }
  return result ?? new Set();
}

/** Talks of events whose name holds every word of the value (or of a synonym of it). */
function eventDocs(value: string, index: SearchIndex, synonyms: SynonymTable): number[] {
  const terms = phraseTerms(value);
  const alternatives = [terms, ...(synonyms.groupsByPhrase.get(terms.join(" ")) ?? [])];
  const matchesEvent = (eventTerms: ReadonlySet<string>, alt: readonly string[]) =>
    alt.every(
      (t) => eventTerms.has(t) || [...eventTerms].some((e) => e.length > 3 && e.startsWith(t)),
    );
  const events = new Set<number>();
  index.events.forEach((e, i) => {
    if (alternatives.some((alt) => alt.length > 0 && matchesEvent(e.terms, alt))) events.add(i);
  });
  const docs: number[] = [];
  for (let d = 0; d < index.talks.length; d++) if (events.has(index.eventOf[d]!)) docs.push(d);
  return docs;
}

/** Talks tagged with the topic named by the value, its synonyms, or its closest spelling. */
function topicDocs(value: string, index: SearchIndex, synonyms: SynonymTable): Set<number> {
  const docs = new Set<number>();
  for (const topic of resolveTopic(value, index, synonyms))
    for (const d of index.topicDocs.get(topic) ?? []) docs.add(d);
  return docs;
}

/**
 * The catalog topics a topic: value names: the slug itself, topics whose words or
 * synonyms it spells, or else the closest slug if it is close. Empty: no such topic.
 */
export function resolveTopic(value: string, index: SearchIndex, synonyms: SynonymTable): string[] {
  const slug = fold(value)
    .trim()
    .replace(/[\s_]+/g, "-");
  if (index.topicDocs.has(slug)) return [slug];
  const stems = phraseTerms(value.replace(/-/g, " "));
  const joined = phraseTerms(value);
  const alternatives = [
    stems,
    joined,
    ...(synonyms.groupsByPhrase.get(joined.join(" ")) ?? []),
  ].map((a) => a.join(" "));
  const found: string[] = [];
  for (const topic of index.topicDocs.keys()) {
    const topicStems = topic.split("-").map(stem).join(" ");
    if (alternatives.includes(topicStems) || alternatives.includes(stem(topic.replace(/-/g, ""))))
      found.push(topic);
  }
  if (found.length > 0) return found;
  // Part of a slug's words: topic:migration is live-migration, topic:memory the memory topics.
  for (const topic of index.topicDocs.keys()) {
    const parts = topic.split("-").map(stem);
    if (stems.length > 0 && stems.every((s) => parts.includes(s))) found.push(topic);
  }
  if (found.length > 0) return found;
  // A misspelled topic: the closest slug, if it is close.
  let best: { topic: string; distance: number } | null = null;
  for (const topic of index.topicDocs.keys()) {
    const distance = editDistance(slug, topic);
    if (
      distance <= Math.max(1, Math.floor(topic.length / 4)) &&
      (!best || distance < best.distance)
    )
      best = { topic, distance };
  }
  return best ? [best.topic] : [];
}

/**
 * One concept per catalog topic the topic: values name: the words of its slug, to weigh
 * how strongly a talk carries it (in its title, then its topics, then its abstract).
 * `phrase`: the words count fully only side by side (as a concept that supports the
 * ranking of a search of words, not as the ranking of a filter-only listing).
 */
export function topicConcepts(
  topics: readonly string[],
  index: SearchIndex,
  synonyms: SynonymTable,
  phrase: boolean,
): Concept[] {
  const slugs = new Set(topics.flatMap((t) => resolveTopic(t, index, synonyms)));
  return [...slugs].map((slug) => {
    const terms = slug.split("-").map(stem);
    return {
      label: slug,
      phrase: false,
      alternatives: [{ terms, weight: 1, ...(phrase && { adjacent: terms.length > 1 }) }],
      ...(phrase && { support: true }),
    };
  });
}
