// A catalog file's bytes read, decoded and parsed a step at a time, so a reload never
// holds the event loop for a whole file. JSON.parse of a changed 4 MB file is one 10-15 ms
// step, and while the checks that follow run (in slices, over ~100 ms) its whole tree
// stays alive: every young-generation collection meanwhile copies it, then promotes it,
// though it is garbage once checked (node --trace-gc: scavenges of 5-20 ms during a
// reload). Read here instead as its records, a few per step: each step's records are
// parsed, checked and dropped in the same slice, so they die young and are never copied.
//
// Why not a worker thread: handing the parsed value back (a structured clone) costs the
// main thread about as much as parsing. Why not a streaming JSON parser: @streamparser/json
// 0.0.26 took 240-500 ms for a 2.2 MB catalog file on its first use (the one a reload
// gets; 23-55 ms once warm) against 3-4 ms for JSON.parse. Here JSON.parse still parses
// every value; this file only finds where the file's records begin and end — scanning
// the bytes outside strings, which in UTF-8 are the ASCII brackets, commas and
// whitespace — and checks the glue between them against JSON's grammar. Anything it
// does not expect (another key, another key order, an escaped key, a byte out of place)
// gives up, and the caller parses the whole file with JSON.parse: same value, same error
// message, only not in steps.
import { closeSync, fstatSync, openSync, readSync } from "node:fs";

/**
 * Bytes read, and decoded, per step. Decoding a 4 MB file of non-ASCII text took 7-20 ms
 * in one go on a busy machine; 256 KB is well under a millisecond.
 */
const BYTES_PER_STEP = 256 * 1024;

/**
 * The bytes of `file`, read a slice per step into one buffer of the file's size: joining
 * the slices afterwards (Buffer.concat) was one step of 12 ms for a 4 MB file, mostly the
 * first touch of the fresh memory, which now happens a slice at a time.
 */
export function* readBytesSteps(file: string): Generator<void, Buffer> {
  const fd = openSync(file, "r");
  try {
    // One byte more than the file: the read that finds its end needs no room of its own.
    let bytes = Buffer.allocUnsafe(fstatSync(fd).size + 1);
    let length = 0;
    for (;;) {
      if (length === bytes.length) {
        // The file grew since fstat: room for more.
        const bigger = Buffer.allocUnsafe(Math.max(2 * length, BYTES_PER_STEP));
        bytes.copy(bigger, 0, 0, length);
        bytes = bigger;
      }
      const read = readSync(
        fd,
        bytes,
        length,
        Math.min(BYTES_PER_STEP, bytes.length - length),
        null,
      );
      if (read === 0) break;
      length += read;
      yield;
    }
    return bytes.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

/**
 * Where the UTF-8 text may be cut at or before `end`: never inside a character (a cut
 * goes before a byte that does not continue one), so each piece decodes to the very
 * characters, U+FFFD included, that decoding the whole buffer gives.
 */
function cutBefore(bytes: Buffer, from: number, end: number): number {
  for (let at = end, back = 0; at > from && back < 4; at--, back++)
    if (((bytes[at] ?? 0) & 0xc0) !== 0x80) return at;
  return end;
}

/** bytes.toString("utf8"), a slice of the bytes per step. */
export function* decodeSteps(bytes: Buffer): Generator<void, string> {
  let text = "";
  for (let from = 0; from < bytes.length; ) {
    const to =
      bytes.length - from <= BYTES_PER_STEP
        ? bytes.length
        : cutBefore(bytes, from, from + BYTES_PER_STEP);
    text += bytes.toString("utf8", from, to);
    from = to;
    yield;
  }
  return text;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
/** JSON's four whitespace characters (RFC 8259): nothing else may sit between tokens. */
const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/**
 * A catalog file laid out as the importer writes it — `{"event": …, "talks": [record,
 * …]}` — read as its event, then its records a few at a time. Every method returns null
 * where the bytes are not laid out that way (or are not JSON): the caller then parses
 * the whole file with JSON.parse, for the value or for the error.
 */
export class CatalogJsonPieces {
  private at = 0;
  /** The last record read was followed by a comma: another must come. */
  private afterComma = false;
  constructor(private readonly bytes: Buffer) {}

  /** The parsed event, with the reader left at the first record; null: not this layout. */
  start(): { event: unknown } | null {
    if (!this.token(OPEN_OBJECT) || !this.key("event")) return null;
    this.skipSpace();
    const from = this.at;
    this.at = this.valueEnd(from);
    if (this.at < 0) return null;
    const event = this.parse(from, this.at);
    if (event === null || !this.token(COMMA) || !this.key("talks")) return null;
    if (!this.token(OPEN_ARRAY)) return null;
    return { event: event[0] };
  }

  /**
   * Up to `max` records, parsed by one JSON.parse, fewer once they span `maxBytes` (one
   * at least); [] once the array has ended; null: not this layout, or not JSON.
   */
  next(max: number, maxBytes: number = Number.POSITIVE_INFINITY): unknown[] | null {
    this.skipSpace();
    if (this.bytes[this.at] === CLOSE_ARRAY) {
      if (this.afterComma) return null; // [a, b,]
      this.at++;
      return [];
    }
    const from = this.at;
    let to = from;
    for (let count = 0; count < max && to - from < maxBytes; ) {
      const end = this.valueEnd(this.at);
      if (end < 0) return null;
      to = end;
      count++;
      this.at = end;
      this.skipSpace();
      const b = this.bytes[this.at];
      this.afterComma = b === COMMA;
      if (b === CLOSE_ARRAY) break;
      if (b !== COMMA) return null;
      this.at++;
      this.skipSpace();
    }
    return this.parse(from, to);
  }

  /** After the last record: true when only `}` and whitespace are left. */
  end(): boolean {
    if (!this.token(CLOSE_OBJECT)) return false;
    this.skipSpace();
    return this.at === this.bytes.length;
  }

  /** The comma-separated values between `from` and `to`, parsed; null: not JSON. */
  private parse(from: number, to: number): unknown[] | null {
    try {
      return JSON.parse(`[${this.bytes.toString("utf8", from, to)}]`) as unknown[];
    } catch {
      return null;
    }
  }

  private skipSpace(): void {
    while (this.at < this.bytes.length && isSpace(this.bytes[this.at]!)) this.at++;
  }

  /** Whitespace, then the byte `b`, taken. */
  private token(b: number): boolean {
    this.skipSpace();
    if (this.bytes[this.at] !== b) return false;
    this.at++;
    return true;
  }

  /** `"name"` written plainly (no escapes), then `:`. */
  private key(name: string): boolean {
    this.skipSpace();
    const end = this.at + name.length + 2;
    if (end > this.bytes.length || this.bytes[this.at] !== QUOTE) return false;
    for (let i = 0; i < name.length; i++)
      if (this.bytes[this.at + 1 + i] !== name.charCodeAt(i)) return false;
    if (this.bytes[end - 1] !== QUOTE) return false;
    this.at = end;
    return this.token(COLON);
  }

  /**
   * Where the JSON value starting at `from` ends (exclusive): a string to its closing
   * quote, an object or array to the bracket that closes it (brackets in strings not
   * counted), anything else to the next delimiter. -1 when the bytes end first, or no
   * value starts there.
   * JSON.parse then checks what lies between.
   */
  private valueEnd(from: number): number {
    const bytes = this.bytes;
    const first = bytes[from];
    if (first === undefined) return -1;
    if (first === QUOTE) return this.stringEnd(from);
    if (first !== OPEN_OBJECT && first !== OPEN_ARRAY) {
      let at = from;
      while (at < bytes.length) {
        const b = bytes[at]!;
        if (b === COMMA || b === CLOSE_ARRAY || b === CLOSE_OBJECT || isSpace(b)) break;
        at++;
      }
      return at === from ? -1 : at;
    }
    let depth = 0;
    for (let at = from; at < bytes.length; at++) {
      const b = bytes[at]!;
      if (b === QUOTE) {
        at = this.stringEnd(at) - 1;
        if (at < 0) return -1;
      } else if (b === OPEN_OBJECT || b === OPEN_ARRAY) depth++;
      else if (b === CLOSE_OBJECT || b === CLOSE_ARRAY) {
        depth--;
        if (depth === 0) return at + 1;
      }
    }
    return -1;
  }

  /** Past the quote that closes the string opening at `from`; -1 when there is none. */
  private stringEnd(from: number): number {
    let at = from + 1;
    for (;;) {
      // indexOf is native: most of a catalog file is text inside strings.
      const quote = this.bytes.indexOf(QUOTE, at);
      if (quote < 0) return -1;
      let backslashes = 0;
      while (this.bytes[quote - 1 - backslashes] === BACKSLASH) backslashes++;
      if (backslashes % 2 === 0) return quote + 1;
      at = quote + 1;
    }
  }
}
