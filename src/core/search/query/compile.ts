// Compiles the words of a search into concepts. A concept is one thing the user asked
// for ("numa", "device assignment", "migraton"→"migration", "giving memory back"); it
// matches a talk when any of its alternatives (the words typed, a typo correction, a
// synonym, the jargon for a lay term, another spelling of a name) does. Chat filler
// ("who talked about", "any slides on") is dropped: it would only block a match.

import type { SearchIndex } from "../index/build.ts";
import type { ChatLanguage } from "./chat-language.ts";
import type { Alternative, Concept } from "./concept.ts";
import { afterJoiner, joinedAlternatives } from "./either.ts";
import {
  compoundParts,
  contextAlternatives,
  distinct,
  layAlternatives,
  narrowerAlternatives,
  synonymAlternatives,
} from "./expansions.ts";
import { topicConcepts } from "./filters.ts";
import { gappedLay } from "./lay-gaps.ts";
import { withoutOtherSenses } from "./other-sense.ts";
import { oneScorePerRoute } from "./routes.ts";
import { glued, layInside, phraseKnown } from "./spans.ts";
import type { SynonymTable } from "./synonyms.ts";
import { keep, phraseTerms, rawWords } from "./tokenize.ts";
import {
  commonInCatalog,
  droppable,
  everydayOnly,
  everydayWord,
  namedWord,
  namesEvent,
  QUERY_WEIGHTS,
  resolveWords,
  spellOutUmlauts,
  type Word,
} from "./words.ts";

/** Concepts that only support the ranking, at most (a query has at most 32 concepts). */
const MAX_SUPPORT = 6;

export type { Alternative, Concept } from "./concept.ts";

interface CompiledQuery {
  readonly concepts: readonly Concept[];
  readonly corrections: readonly string[];
}

export function compileQuery(
  text: {
    words: readonly string[];
    phrases: readonly string[];
    loose?: boolean;
    topics?: readonly string[];
  },
  index: SearchIndex,
  synonyms: SynonymTable,
  language: ChatLanguage,
): CompiledQuery {
  const joined = text.words.join(" ");
  const said = joined.toLowerCase();
  const raw = rawWords(joined);
  const spelled = rawWords(spellOutUmlauts(joined));
  const twin = spelled.length === raw.length ? spelled : raw;
  const words = resolveWords(raw, twin, index, language, synonyms);
  const concepts: Concept[] = [];
  /** The word each concept starts at (for what stands before it: either.ts). */
  const starts: number[] = [];
  /** Concepts that only weigh the ranking, added after the others. */
  const support: Concept[] = [];
  /** Words that are a concept on their own, and how many concepts are phrases of words. */
  const single: Word[] = [];
  let grouped = 0;
  const corrections = words.filter((w) => w.corrected).map((w) => `${w.typed} → ${w.corrected}`);
  const longest = Math.max(synonyms.longest, language.layLongest);

  // Greedy longest match of synonym, lay and event-name phrases over the (corrected) stems.
  /** Last words of lay phrases said around other words ("pass … through"), already used. */
  const used = new Set<number>();
  for (let i = 0; i < words.length; ) {
    if (used.has(i)) {
      i++;
      continue;
    }
    let matched = 0;
    for (let n = Math.min(longest, words.length - i); n >= 1 && !matched; n--) {
      const span = words.slice(i, i + n);
      let stems = span.map((w) => w.stem);
      // Chat filler inside a phrase does not break it: "sharing one gpu" is "sharing a gpu".
      const content = span.filter((w) => !w.filler).map((w) => w.stem);
      const inner = content.length > 1 && content.length < n && !span[0]!.filler;
      const innerKey = inner && !span[n - 1]!.filler ? content.join(" ") : null;
      let key = stems.join(" ");
      if (
        innerKey &&
        !phraseKnown(key, synonyms, language) &&
        phraseKnown(innerKey, synonyms, language)
      ) {
        stems = content;
        key = innerKey;
      }
      const group = synonyms.groupsByPhrase.get(key);
      // A lay term may have words most talks hold inside: "keeping vms apart" is "keeping apart".
      const jargon = group
        ? undefined
        : (language.lay.get(key) ?? layInside(stems, index, language));
      const event = !group && !jargon && n > 1 && namesEvent(stems, index);
      // "smart os" for "smartos": two words the catalog writes as one.
      const joined = !group && !jargon && !event && n === 2 ? glued(span, index) : null;
      if (!group && !jargon && !event && !joined) continue;
      const weight = Math.min(...span.map((w) => w.weight));
      // A broad term with synonyms may also lead to narrower jargon (lay-terms.json).
      const narrower = group && language.lay.get(key);
      // A compound typed ("vhost-user") also matches its parts where the phrase checks
      // cannot see them: inside a longer compound ("vhost-user-blk"), read as one word.
      const parts = n === 1 && span[0]!.parts.length > 1 ? compoundParts(span[0]!, raw, said) : [];
      const alternatives = group
        ? distinct([
            ...synonymAlternatives(stems, group, weight, language.setting.asked),
            ...parts,
            ...(narrower ? narrowerAlternatives(narrower, synonyms, weight) : []),
            ...contextAlternatives(stems, language, weight, index),
          ])
        : jargon
          ? layAlternatives(stems, jargon, synonyms, language, weight)
          : joined
            ? [
                { terms: [joined], weight },
                { terms: stems, weight: weight * QUERY_WEIGHTS.parts, adjacent: true },
              ]
            : [{ terms: stems, weight }];
      const label = span.map((w) => w.corrected ?? w.typed).join(" ");
      const senses = group ? withoutOtherSenses(alternatives, stems, index) : null;
      starts.push(i);
      concepts.push({
        label,
        phrase: false,
        alternatives: senses ? senses.alternatives : alternatives,
        ...(senses?.left.length && { otherSenses: senses.left }),
        corrected: span.some((w) => w.corrected !== null),
        known: Boolean(group || jargon),
        setting: language.setting.asked.has(key),
      });
      // A lay phrase's own words (not everyday ones) still say what it is about ("guest",
      // "memory" in "protect guest memory"): each weighs the talks that hold it, for less.
      if (jargon && stems.length > 2)
        for (const own of new Set(
          stems.filter((b) => !commonInCatalog(b, index) && !language.commonStems.has(b)),
        ))
          support.push({
            label: own,
            phrase: false,
            support: true,
            alternatives: [{ terms: [own], weight: weight * QUERY_WEIGHTS.layWords }],
          });
      grouped++;
      matched = n;
    }
    if (matched) {
      i += matched;
      continue;
    }
    const gap = gappedLay(words, i, language);
    if (gap) {
      const span = [words[i]!, words[gap.end]!];
      const weight = Math.min(...span.map((w) => w.weight));
      const stems = span.map((w) => w.stem);
      const label = span.map((w) => w.corrected ?? w.typed).join(" ");
      const alternatives = layAlternatives(stems, gap.jargon, synonyms, language, weight);
      starts.push(i);
      concepts.push({ label, phrase: false, alternatives, known: true });
      used.add(gap.end);
      grouped++;
      i++;
      continue;
    }
    const w = words[i++]!;
    if (w.filler) continue;
    const alternatives: Alternative[] = [{ terms: [w.stem], weight: w.weight }];
    for (const name of w.names) alternatives.push({ terms: [name], weight: w.weight });
    for (const slip of w.slips)
      alternatives.push({ terms: [slip], weight: w.weight * QUERY_WEIGHTS.correction });
    if (w.parts.length > 1) {
      alternatives.push(...compoundParts(w, raw, said));
      const group = synonyms.groupsByPhrase.get(w.parts.join(" "));
      if (group) alternatives.push(...synonymAlternatives(w.parts, group, w.weight));
    }
    alternatives.push(...contextAlternatives([w.stem], language, w.weight, index));
    // (The looser retry has dropped the everyday words no talk is named by: those left count.)
    const everyday = !text.loose && everydayWord(w, language, index);
    const named = namedWord(w, index);
    const setting = language.setting.asked.has(w.stem);
    const label = w.corrected ?? w.typed;
    const corrected = w.corrected !== null;
    const senses = withoutOtherSenses(alternatives, [w.stem], index);
    starts.push(i - 1);
    concepts.push({
      label,
      alternatives: senses.alternatives,
      ...(senses.left.length > 0 && { otherSenses: senses.left }),
      phrase: false,
      everyday,
      named,
      setting,
      corrected,
    });
    single.push(w);
  }
  const either = afterJoiner(joinedAlternatives(joined, raw));
  concepts.forEach((c, k) => {
    if (either[starts[k]!]) concepts[k] = { ...c, either: true };
  });
  // A sentence: some words were question words, filler or stop words.
  const sentence = words.some((w) => w.filler) || raw.some((w) => !keep(w.surface));
  if (text.phrases.length === 0 && grouped === 0 && everydayOnly(single, language, index, sentence))
    return { concepts: [], corrections };
  if (text.loose && text.phrases.length === 0) {
    const drop = droppable(single, grouped, language, index);
    if (drop.size > 0) {
      const labels = new Set([...drop].map((w) => w.corrected ?? w.typed));
      const kept = concepts.filter((c) => !labels.has(c.label));
      concepts.length = 0;
      concepts.push(...kept);
    }
  }

  // A word typed twice ("numa numa numa") is asked once, as the grammar counts it.
  const once = new Set<string>();
  const distinctConcepts = concepts.filter((c) => {
    const key = c.label.toLowerCase();
    if (once.has(key)) return false;
    once.add(key);
    return true;
  });
  // A thing the query names twice (a lay term and the jargon it leads to) scores once.
  const routed = oneScorePerRoute(distinctConcepts);
  concepts.length = 0;
  concepts.push(...routed);

  for (const p of text.phrases) {
    const terms = phraseTerms(p);
    if (terms.length)
      concepts.push({
        label: `"${p}"`,
        alternatives: [{ terms, weight: QUERY_WEIGHTS.typed }],
        phrase: true,
      });
  }
  // The topics a filter asks for weigh the talks that carry them most (filters.ts).
  if (concepts.length > 0 && text.topics?.length)
    support.push(...topicConcepts(text.topics, index, synonyms, true));
  if (concepts.length > 0) concepts.push(...support.slice(0, MAX_SUPPORT));
  return { concepts, corrections };
}
