// Schedules keep a cancelled talk listed and say so in its title ("CANCELLED gopy: extend
// CPython with Go", FOSDEM 2016-2019), or in a field (iCalendar STATUS:CANCELLED, the
// c3voc schedule 2 event state). A talk that will not happen is no card to show. The
// marker words are data (data/cancelled-titles.json); how a title must carry one to count
// as a marker, not as a word of the title ("Cancellation in async Rust"), is here.
import { loadWordSet } from "./break-title.ts";

/** The marker words of `dataDir`/cancelled-titles.json (else the built-in list), lower-cased. */
export const loadCancelWords = (dataDir: string) => loadWordSet(dataDir, "cancelled-titles.json");

/** The title's first and last word, each with what sets it apart as a marker. */
const OPENING = /^\s*([[(]?)\s*([\p{L}]+)\s*([\])]?)\s*([:\-–—]?)/u;
const CLOSING = /([:\-–—]?)\s*([[(]?)\s*([\p{L}]+)\s*([\])]?)[\s!.]*$/u;

const isCaps = (word: string) => word === word.toLocaleUpperCase() && word.length > 1;

/**
 * The title without its marker when it opens or ends with a marker word in capitals, or
 * one followed (at the start) or preceded (at the end) by a colon or dash, or one alone in
 * brackets ("CANCELLED: Memory tiering" → "Memory tiering"); null for any other title.
 */
export function unmarkedCancelledTitle(title: string, words: ReadonlySet<string>): string | null {
  const open = OPENING.exec(title);
  if (open && words.has(open[2]!.toLocaleLowerCase())) {
    const bracketed = open[1] !== "" && open[3] !== "";
    if (bracketed || open[4] !== "" || isCaps(open[2]!)) return title.slice(open[0].length).trim();
  }
  const close = CLOSING.exec(title);
  if (close && close.index > 0 && words.has(close[3]!.toLocaleLowerCase())) {
    const bracketed = close[2] !== "" && close[4] !== "";
    if (bracketed || close[1] !== "" || isCaps(close[3]!))
      return title.slice(0, close.index).trim();
  }
  return null;
}

export function isCancelledTitle(title: string, words: ReadonlySet<string>): boolean {
  return unmarkedCancelledTitle(title, words) !== null;
}

/** Field values that say a talk is off: c3voc schedule 2 states, iCalendar STATUS. */
const OFF_STATES = new Set(["CANCELED", "CANCELLED", "WITHDRAWN", "DELETED", "REJECTED"]);

export function isOffState(state: string): boolean {
  return OFF_STATES.has(state.trim().toUpperCase());
}
