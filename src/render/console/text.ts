// Terminal-safe text: everything we print passes through clean(), because user text is
// echoed back and catalog text is data, and neither may drive the terminal.
import { sanitizeInput } from "../../core/sanitize.ts";

// Whole escape sequences go first, so their parameters don't survive as visible junk:
// CSI (ESC [ or the 8-bit CSI, up to the final byte), string commands OSC/DCS/SOS/PM/APC
// (7- or 8-bit, up to BEL or ST, or to the end when unterminated, as a terminal would
// swallow them), and the two-byte escapes (ESC + one character).
const ESCAPE_SEQUENCE =
  /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]?|(?:\u001b[\]PX^_]|[\u0090\u0098\u009d-\u009f])[\s\S]*?(?:\u0007|\u001b\\|\u009c|$)|\u001b[\s\S]?/g;

/** One display line: escape sequences and control/bidi characters removed, spaces collapsed. */
export function clean(text: string): string {
  return sanitizeInput(String(text).replace(ESCAPE_SEQUENCE, ""));
}

/**
 * Greedy word wrap to `width` columns. The first line starts with `first`, the others
 * with `rest`. A word longer than a line (a URL) keeps a line of its own, unbroken.
 */
export function wrap(text: string, width: number, first: string, rest: string = first): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of text.split(" ").filter(Boolean)) {
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line);
      line = rest;
      empty = true;
    }
    line += empty ? word : ` ${word}`;
    empty = false;
  }
  if (!empty) lines.push(line);
  return lines;
}
