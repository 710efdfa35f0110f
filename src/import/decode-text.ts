// The bytes of a schedule as text. Schedules are UTF-8 but for two things real exports do:
// an iCalendar writer that folds its lines every 75 bytes can cut a character's bytes in
// two (JRES 2022: "d\xE2 CRLF SPACE \x80\x99exploitation"), which is valid once the lines
// are unfolded; and an XML file may declare another encoding (<?xml encoding="ISO-8859-1"?>),
// which is what it is.
import { TextDecoder } from "node:util";
import { ImportError } from "./types.ts";

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
const LF = 0x0a;
const CR = 0x0d;

/** The bytes with every fold (CRLF or LF, then one space or tab) removed (RFC 5545 3.1). */
function unfold(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const crlf = bytes[i] === CR && bytes[i + 1] === LF;
    const end = crlf ? i + 2 : bytes[i] === LF ? i + 1 : -1;
    if (end > 0 && (bytes[end] === 0x20 || bytes[end] === 0x09)) {
      i = end; // the fold and its one white space character are dropped
      continue;
    }
    out[n++] = bytes[i]!;
  }
  return out.subarray(0, n);
}

/** The start of the text as ASCII (what format and encoding are declared in). */
function head(bytes: Uint8Array): string {
  return Buffer.from(bytes.subarray(0, 200))
    .toString("latin1")
    .replace(/^\xEF\xBB\xBF/, "") // a UTF-8 byte order mark, read as Latin-1
    .trimStart();
}

/** The encoding an XML declaration names, when it is not UTF-8 and TextDecoder knows it. */
function xmlEncoding(start: string): TextDecoder | null {
  const m = /^<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(start);
  if (!m || /^utf-?8$/i.test(m[1]!)) return null;
  try {
    return new TextDecoder(m[1]!.toLowerCase(), { fatal: true });
  } catch {
    return null;
  }
}

/** Line and column (1-based) of the first byte that is not UTF-8. */
function badByte(bytes: Uint8Array): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : 4;
    try {
      utf8.decode(bytes.subarray(i, i + len));
    } catch {
      const col = utf8.decode(bytes.subarray(lineStart, i)).length + 1;
      return { line, col };
    }
    if (b === LF) {
      line++;
      lineStart = i + 1;
    }
    i += len;
  }
  return { line, col: 1 };
}

/** Decodes a schedule's bytes; text that is neither is an error saying where. */
export function decodeText(source: string, bytes: Uint8Array): string {
  const start = head(bytes);
  const declared = start.startsWith("<") ? xmlEncoding(start) : null;
  try {
    return (declared ?? utf8).decode(bytes);
  } catch {
    // Only UTF-8 failures are retried: a declared encoding that does not fit is said so.
  }
  if (!declared && /^BEGIN:VCALENDAR/i.test(start)) {
    try {
      return utf8.decode(unfold(bytes));
    } catch {
      // Still not UTF-8: say where in the file as it is.
    }
  }
  const where = badByte(bytes);
  const what = declared ? `not valid ${declared.encoding} text` : "not valid UTF-8 text";
  throw new ImportError(`${what} at line ${where.line}, column ${where.col}`, null, source);
}
