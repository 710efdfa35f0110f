// A search that names a person and nothing else ("anything from Avi?", "what did Rik
// talk about", "Kevin O'Connor") asks for the talks that person gave, like speaker:NAME:
// a talk whose abstract mentions them ("along the lines Avi proposed") does not answer it.
// The name is matched speaker by speaker, as people type names: with or without umlauts
// ("joerg roedel" is also Jörg Rödel), a middle initial or not, a first name shortened
// ("rich jones", "dan berrange") or misspelt beside the rest of the name ("stephan
// hajnoczi"). Looked up once per question (the engine passes it on).

import { editDistance } from "../../edit-distance.ts";
import type { SearchIndex } from "../index/build.ts";
import type { ChatLanguage } from "./chat-language.ts";
import { speakerStrengths } from "./field-strength.ts";
import { withoutUmlaut } from "./name-spellings.ts";
import { keep, queryStem, type RawWord, rawWords } from "./tokenize.ts";

/**
 * A word is taken for a name only when at least this share of the talks holding it have it
 * in their speakers: "kevin", "avi" are names; "team", "rust", "foundation" are in some
 * speakers' names but mostly words.
 */
const NAME_SHARE = 0.25;

/** Name words a query may have, at most: more is a sentence, not a name. */
const MAX_NAME_WORDS = 4;

/** A misspelt part of a name: at least this long, and this many edits at most. */
const SLIP = Object.freeze({ shortest: 4, edits: (w: string) => (w.length >= 6 ? 2 : 1) });

/** A first name shortened ("rich" for Richard): at least this long. */
const SHORTEST_PREFIX = 3;

/** The people a question names, and how strongly each works in the field. */
export interface Person {
  /** The talks they gave. */
  readonly talks: ReadonlySet<number>;
  /**
   * Per talk, its named speaker's strength in the field (field-strength.ts): orders a
   * first name. Worked out on the first call: only a listing of their talks uses it, not
   * a search of words beside a speaker: filter.
   */
  readonly strength: () => ReadonlyMap<number, number>;
}

/** `work` done on the first call only. */
export function once<T>(work: () => T): () => T {
  let done: { value: T } | null = null;
  return () => {
    done ??= { value: work() };
    return done.value;
  };
}

/** Per index: a speaker's name → its folded parts, its person; spelt-out umlaut parts by their short form. */
interface NameTables {
  readonly parts: Map<string, readonly string[]>;
  readonly persons: Map<string, string>;
  /** "jorg" → ["joerg"]: parts with an umlaut spelt out, by the form without it. */
  readonly spelledOut: ReadonlyMap<string, readonly string[]>;
}
const tablesByIndex = new WeakMap<SearchIndex, NameTables>();

function nameTables(index: SearchIndex): NameTables {
  const known = tablesByIndex.get(index);
  if (known) return known;
  const spelledOut = new Map<string, string[]>();
  for (const part of index.speakerParts.keys()) {
    const short = withoutUmlaut(part, index);
    if (short !== part && short.length >= SLIP.shortest)
      spelledOut.set(short, [...(spelledOut.get(short) ?? []), part]);
  }
  const tables = { parts: new Map(), persons: new Map(), spelledOut };
  tablesByIndex.set(index, tables);
  return tables;
}

/** A speaker's folded name parts ("O'Connor": "oconnor", "o", "connor"), worked out once. */
export function partsOf(speaker: string, index: SearchIndex): readonly string[] {
  const tables = nameTables(index);
  let parts = tables.parts.get(speaker);
  if (!parts) {
    parts = rawWords(speaker).flatMap((w) => [w.surface, ...w.parts]);
    tables.parts.set(speaker, parts);
  }
  return parts;
}

/** The speakers' name parts a word is, umlauts spelt out or left off. */
export function nameForms(word: string, index: SearchIndex): string[] {
  const tables = nameTables(index);
  const short = withoutUmlaut(word, index);
  const forms = new Set([word, ...(tables.spelledOut.get(word) ?? [])]);
  if (short !== word && short.length >= SLIP.shortest) forms.add(short);
  for (const f of tables.spelledOut.get(short) ?? []) forms.add(f);
  return [...forms].filter((f) => index.speakerParts.has(f));
}

/**
 * One person however the catalog spells them: "Joerg Roedel" and "Jörg Rödel" are one
 * speaker (folded, umlauts left off), whose talks weigh together (field-strength.ts).
 * Worked out once per speaker and index: a first name asks it of thousands of speakers.
 */
export function personKey(speaker: string, index: SearchIndex): string {
  const tables = nameTables(index);
  let key = tables.persons.get(speaker);
  if (key === undefined) {
    key = rawWords(speaker)
      .map((w) => withoutUmlaut(w.surface, index))
      .join(" ");
    tables.persons.set(speaker, key);
  }
  return key;
}

/** Initials ("w.m.", "p."): not a word of the name to match. */
const initials = (w: RawWord) => w.parts.length > 1 && w.parts.every((p) => p.length === 1);

interface AskedWord {
  readonly word: string;
  readonly forms: readonly string[];
  /** Mostly said as a name in this catalog (NAME_SHARE). */
  readonly name: boolean;
  /** In no talk at all: a slip, perhaps of a name. */
  readonly unknown: boolean;
}

/** Whether a word is one of the parts of a speaker's name, as typed or umlauts aside. */
const isPart = (w: AskedWord, parts: readonly string[]) => w.forms.some((f) => parts.includes(f));

/** Letter counts, reused by every call (searches run one at a time). */
const COUNTS = new Int16Array(128);

/** How many letters two words differ by, counted without order: at most 2 per edit. */
function letterGap(a: string, b: string): number {
  for (let i = 0; i < a.length; i++) COUNTS[a.charCodeAt(i) & 127]!++;
  for (let i = 0; i < b.length; i++) COUNTS[b.charCodeAt(i) & 127]!--;
  let gap = 0;
  for (const word of [a, b])
    for (let i = 0; i < word.length; i++) {
      const k = word.charCodeAt(i) & 127;
      gap += Math.abs(COUNTS[k]!);
      COUNTS[k] = 0;
    }
  return gap;
}

/**
 * Whether a word is near a part of a speaker's name: a slip of a name or of a word no
 * talk has, or the first name shortened ("rich" for Richard).
 */
function isNear(w: AskedWord, parts: readonly string[]): boolean {
  if (isPart(w, parts)) return true;
  const first = parts[0];
  if (first && w.word.length >= SHORTEST_PREFIX && first.startsWith(w.word)) return true;
  if (!(w.name || w.unknown) || w.word.length < SLIP.shortest) return false;
  const edits = SLIP.edits(w.word);
  // Letters first: an edit changes at most two letter counts, and the table costs ~10 µs.
  return parts.some(
    (p) =>
      p.length >= SLIP.shortest &&
      letterGap(w.word, p) <= 2 * edits &&
      editDistance(w.word, p) <= edits,
  );
}

/**
 * The people the words name, when they are a name and nothing else: every word matches
 * a part of one speaker's name, and at least one is mostly said as a name in this
 * catalog (see NAME_SHARE; everyday words never are). Speakers matching every word as
 * typed win over those matched only nearly. Chat filler around the name is left out
 * ("anything", "did"), unless it is part of a name beside another one ("he qing").
 */
export function askedPerson(
  words: readonly string[],
  index: SearchIndex,
  language: ChatLanguage,
): Person | null {
  const kept = rawWords(words.join(" ")).filter((w) => keep(w.surface) && !initials(w));
  const nameParts = kept.filter((w) => index.speakerParts.has(w.surface)).length;
  const content = kept
    .map((w) => w.surface)
    .filter(
      (w) => !language.filler.has(queryStem(w)) || (nameParts > 1 && index.speakerParts.has(w)),
    );
  if (content.length === 0 || content.length > MAX_NAME_WORDS) return null;
  const asked: AskedWord[] = content.map((word) => {
    const forms = language.common.has(word) ? [] : nameForms(word, index);
    const docs = new Set(forms.flatMap((f) => [...index.speakerParts.get(f)!]));
    const anywhere = index.postings.get(queryStem(word))?.length ?? 0;
    const name = forms.length > 0 && docs.size >= NAME_SHARE * anywhere;
    return { word, forms, name, unknown: forms.length === 0 && anywhere === 0 };
  });
  // The speakers to look at: those holding one of the name words as typed.
  const anchor = new Set<number>();
  for (const w of asked)
    if (w.name) for (const f of w.forms) for (const d of index.speakerParts.get(f)!) anchor.add(d);
  // Speakers matching every word as typed; else those matching every word at least nearly.
  const matching = (matches: (w: AskedWord, parts: readonly string[]) => boolean) => {
    const found = new Map<number, string[]>();
    for (const d of anchor)
      for (const s of index.talks[d]!.speakers) {
        const parts = partsOf(s, index);
        if (asked.every((w) => matches(w, parts)))
          found.set(d, [...(found.get(d) ?? []), personKey(s, index)]);
      }
    return found;
  };
  const exact = matching(isPart);
  const speakersOf = exact.size > 0 ? exact : matching(isNear);
  if (speakersOf.size === 0) return null;
  return {
    talks: new Set(speakersOf.keys()),
    strength: once(() => speakerStrengths(speakersOf, index, language)),
  };
}
