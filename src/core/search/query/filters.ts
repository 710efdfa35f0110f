// The speaker:, event:, topic: and year: filters, each turned into the set of talks it
// allows. Values are matched forgivingly: any part of a name, prefixes, typos, synonyms.

import { editDistance } from "../../edit-distance.ts";
import { fold } from "../../sanitize.ts";
import type { SearchRequest } from "../../search-request.ts";
import type { SearchIndex } from "../index/build.ts";
import type { ChatLanguage } from "./chat-language.ts";
import type { Concept } from "./concept.ts";
import { speakerStrengths } from "./field-strength.ts";
import { askedPerson, nameForms, once, type Person, partsOf, personKey } from "./person.ts";
import type { SynonymTable } from "./synonyms.ts";
import { phraseTerms, rawWords, stem } from "./tokenize.ts";

/**
 * The people a search asks for: those of its speaker: filters, or else those its words
 * name when they name a person and nothing else (person.ts), or null. Worked out once per
 * question: the filters restrict to their talks, the listing orders by their strength.
 */
export function askedPeople(
  request: SearchRequest,
  index: SearchIndex,
  language: ChatLanguage,
): (Person & { readonly alone: boolean }) | null {
  if (request.speakers.length > 0)
    return { ...speakerFilter(request.speakers, index, language), alone: false };
  if (request.phrases.length > 0) return null;
  const person = askedPerson(request.words, index, language);
  return person && { ...person, alone: true };
}

/**
 * Talks allowed by every filter, or null when the request has no filter. `people`, from
 * askedPeople: the speaker: filters, or a person's name searched alone, read as one.
 */
export function allowedTalks(
  request: SearchRequest,
  index: SearchIndex,
  synonyms: SynonymTable,
  people: Person | null = null,
): Uint8Array | null {
  const N = index.talks.length;
  let allowed: Uint8Array | null = null;
  if (request.years) {
    const { from, to } = request.years;
    allowed = new Uint8Array(N);
    for (let d = 0; d < N; d++)
      if (index.years[d]! >= from && index.years[d]! <= to) allowed[d] = 1;
  }
  if (people) allowed = narrowed(allowed, [...people.talks], N);
  for (const value of request.events)
    allowed = narrowed(allowed, eventDocs(value, index, synonyms), N);
  for (const value of request.topics)
    allowed = narrowed(allowed, [...topicDocs(value, index, synonyms)], N);
  return allowed;
}

/**
 * The talks of `allowed` (all when null) among `docs`, as a new array. An array only, by
 * index, and no closure: a closure made per call that looped over arrays and sets alike
 * kept V8 deoptimizing allowedTalks ("wrong call target", 232 times in 3,150 searches of
 * bench:search's mix), each time a slower search and a recompile on the shared cores.
 */
export function narrowed(
  allowed: Uint8Array | null,
  docs: readonly number[],
  N: number,
): Uint8Array {
  const next = new Uint8Array(N);
  for (let i = 0; i < docs.length; i++) {
    const d = docs[i]!;
    if (!allowed || allowed[d]) next[d] = 1;
  }
  return next;
}

/**
 * The talks of every speaker: value, with the strength in the field of the speakers
 * they matched (those holding a matched part of each word; else all the talk's speakers
 * holding one, a value matched across co-speakers).
 */
function speakerFilter(values: readonly string[], index: SearchIndex, language: ChatLanguage) {
  let talks = null as Set<number> | null;
  const matched: ReadonlySet<string>[] = [];
  for (const value of values) {
    const found = speakerDocs(value, index);
    matched.push(...found.parts);
    talks = talks ? new Set([...talks].filter((d) => found.docs.has(d))) : found.docs;
  }
  const found = talks ?? new Set<number>();
  // The speakers each talk matched, only when a listing asks for their strength.
  const strength = once(() => {
    const speakersOf = new Map<number, string[]>();
    const holds = (s: string, set: ReadonlySet<string>) =>
      partsOf(s, index).some((p) => set.has(p));
    // Per speaker, once: a name's talks repeat their speakers.
    const holdsAll = new Map<string, boolean>();
    const holdsEvery = (s: string) => {
      let known = holdsAll.get(s);
      if (known === undefined) {
        known = matched.every((set) => holds(s, set));
        holdsAll.set(s, known);
      }
      return known;
    };
    for (const d of found) {
      const speakers = index.talks[d]!.speakers;
      // A talk's only speaker holds every word: the talk was found by their name.
      const all = speakers.length === 1 ? speakers : speakers.filter(holdsEvery);
      const named = all.length ? all : speakers.filter((s) => matched.some((m) => holds(s, m)));
      speakersOf.set(
        d,
        named.map((s) => personKey(s, index)),
      );
    }
    return speakerStrengths(speakersOf, index, language);
  });
  return { talks: found, strength };
}

/** Talks where every word of the value matches a part of a speaker's name, and the parts. */
function speakerDocs(value: string, index: SearchIndex) {
  let result = null as Set<number> | null;
  const parts: Set<string>[] = [];
  for (const w of rawWords(value)) {
    if (w.surface.length < 2) continue;
    const docs = new Set<number>();
    const used = new Set<string>();
    const add = (part: string) => {
      const list = index.speakerParts.get(part);
      if (!list) return;
      used.add(part);
      for (const d of list) docs.add(d);
    };
    for (const form of [w.surface, ...nameForms(w.surface, index)]) add(form);
    if (docs.size === 0 && w.surface.length >= 3) {
      for (const part of index.speakerParts.keys()) if (part.startsWith(w.surface)) add(part);
    }
    if (docs.size === 0) for (const c of index.speakerVocabulary.correct(w.surface, 2)) add(c.word);
    parts.push(used);
    result = result ? new Set([...result].filter((d) => docs.has(d))) : docs;
  }
  return { docs: result ?? new Set<number>(), parts };
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
