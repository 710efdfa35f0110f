// Cleans what a user typed before anything else looks at it, and a catalog's text as it
// loads (src/core/catalog-files.ts), so no renderer meets these characters.

// C0/C1 control characters (tab and newline become spaces first) and the Unicode
// bidi controls that can make text render in a different order than it is stored
// (the "Trojan Source" characters), plus zero-width characters and the BOM.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const BIDI_AND_INVISIBLE = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/**
 * Anything sanitizeInput() would change: a control, bidi or invisible character, or
 * whitespace other than one space between words. Most text has none, and one test of
 * this is cheaper than the five passes of cleaning.
 */
const NOT_CLEAN = new RegExp(`${CONTROL.source}|${BIDI_AND_INVISIBLE.source}|[^\\S ]| {2}|^ | $`);

/** Whether sanitizeInput(text) is text itself. */
export const isClean = (text: string): boolean => !NOT_CLEAN.test(text);

/** sanitizeInput(text), without its passes when there is nothing to clean. */
export const cleaned = (text: string): string => (isClean(text) ? text : sanitizeInput(text));

export function sanitizeInput(raw: string): string {
  return raw
    .replace(/[\t\n\r\v\f]/g, " ")
    .replace(CONTROL, "")
    .replace(BIDI_AND_INVISIBLE, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** Lower-case, accents removed: "Jörg" → "jorg". For matching, never for display. */
export function fold(text: string): string {
  // ASCII needs no decomposition; skipping it keeps indexing fast.
  if (!/[^\x00-\x7f]/.test(text)) return text.toLowerCase();
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase();
}
