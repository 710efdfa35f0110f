// Other spellings of a speaker's name part typed in a query: umlauts spelt out or left
// off ("Joerg", "Jorg" for "Jörg"), and a one-letter slip beside another part of the same
// speaker's name ("gerd hoffman"). words.ts adds them to the word's stems.
import { editDistance } from "../../edit-distance.ts";
import type { SearchIndex } from "../index/build.ts";
import { rawWords, stem } from "./tokenize.ts";

/** "Jörg" is also written "Joerg": umlauts spelt out, for name matching. */
export function spellOutUmlauts(text: string): string {
  const map: Record<string, string> = {
    ä: "ae",
    ö: "oe",
    ü: "ue",
    Ä: "Ae",
    Ö: "Oe",
    Ü: "Ue",
    ß: "ss",
  };
  // NFC first: an "ö" typed as "o" plus a combining diaeresis is still an umlaut.
  return text.normalize("NFC").replace(/[äöüÄÖÜß]/g, (c) => map[c]!);
}

/** A letter with an umlaut, or a combining diaeresis (U+0308) after a letter. */
const UMLAUT = /ä|ö|ü|Ä|Ö|Ü|\u0308/;

/** Per index: a name part written with an umlaut by some speaker, by its spelt-out form. */
const umlautPartsByIndex = new WeakMap<SearchIndex, ReadonlyMap<string, string>>();

/**
 * "joerg" → "jorg" when a speaker of the catalog is written "Jörg": the spelt-out forms
 * of the name parts some speaker writes with an umlaut. Once per index.
 */
function umlautParts(index: SearchIndex): ReadonlyMap<string, string> {
  const known = umlautPartsByIndex.get(index);
  if (known) return known;
  const parts = new Map<string, string>();
  const seen = new Set<string>();
  for (const talk of index.talks)
    for (const speaker of talk.speakers) {
      // An umlaut, or a letter with a combining diaeresis (U+0308) NFC makes one.
      if (seen.has(speaker) || !UMLAUT.test(speaker)) continue;
      seen.add(speaker);
      const plain = rawWords(speaker).flatMap((w) => [w.surface, ...w.parts]);
      const spelt = rawWords(spellOutUmlauts(speaker)).flatMap((w) => [w.surface, ...w.parts]);
      if (plain.length !== spelt.length) continue;
      spelt.forEach((w, i) => {
        if (w !== plain[i]) parts.set(w, plain[i]!);
      });
    }
  umlautPartsByIndex.set(index, parts);
  return parts;
}

/**
 * A name part with its umlauts spelt out, as the catalog writes it with them left off:
 * "roedel" → "rodel", "mueller" → "muller", but only when some speaker of the catalog is
 * written "Rödel", "Müller". An "ae", "oe" or "ue" is not always an umlaut: "michael" is
 * not "Michal", a name of its own, and "noel", "samuel" are as they are.
 */
export function withoutUmlaut(part: string, index: SearchIndex): string {
  return umlautParts(index).get(part) ?? part;
}

/** Other spellings of `surface` that are parts of a speaker's name in the catalog. */
export function nameVariants(surface: string, spelledOut: string, index: SearchIndex): string[] {
  const variants = new Set([spelledOut, withoutUmlaut(surface, index)]);
  variants.delete(surface);
  return [...variants]
    .filter((v) => index.speakerParts.has(v) && index.postings.has(stem(v)))
    .map(stem);
}

/** Name parts shorter than this are never taken for a slip: too many near neighbours. */
const SLIP_MIN = 4;

/**
 * Speakers' name parts one edit from `surface` that share a talk's speakers with another
 * word of the query: "gerd hoffman" finds Gerd Hoffmann even in a catalog where some
 * other talk says "Hoffman", so the word is known and never corrected. Only beside
 * another name part, so a plain keyword does not reach a speaker with a near name.
 */
export function nameSlips(
  surface: string,
  others: readonly string[],
  index: SearchIndex,
): string[] {
  if (surface.length < SLIP_MIN || others.length === 0) return [];
  const beside = new Set<number>();
  for (const o of others) for (const d of index.speakerParts.get(o) ?? []) beside.add(d);
  return index.speakerVocabulary
    .correct(surface, 3, true)
    .map((c) => c.word)
    .filter(
      (part) =>
        editDistance(part, surface) === 1 &&
        (index.speakerParts.get(part) ?? []).some((d) => beside.has(d)) &&
        index.postings.has(stem(part)),
    )
    .map(stem);
}
