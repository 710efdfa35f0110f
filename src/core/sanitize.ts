// Cleans what a user typed before anything else looks at it.

// C0/C1 control characters (tab and newline become spaces first) and the Unicode
// bidi controls that can make text render in a different order than it is stored
// (the "Trojan Source" characters), plus zero-width characters and the BOM.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const BIDI_AND_INVISIBLE = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

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
