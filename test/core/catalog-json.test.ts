// A catalog file read as its event and then its records a few at a time
// (src/core/catalog-json.ts) must give exactly JSON.parse's value, or give up (null) so
// the loader parses the whole file: never another value, never a text JSON.parse refuses.
import { appendFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CatalogJsonPieces, decodeSteps, readBytesSteps } from "../../src/core/catalog-json.ts";
import { runSteps } from "../../src/core/slices.ts";
import { tempDir } from "../support/import-helpers.ts";

/** What the pieces give for `text`, records `max` per call; null where they give up. */
function readPieces(text: string | Buffer, max = 2): { event: unknown; talks: unknown[] } | null {
  const pieces = new CatalogJsonPieces(Buffer.isBuffer(text) ? text : Buffer.from(text));
  const head = pieces.start();
  if (!head) return null;
  const talks: unknown[] = [];
  for (;;) {
    const records = pieces.next(max);
    if (records === null) return null;
    if (records.length === 0) break;
    expect(records.length).toBeLessThanOrEqual(max);
    talks.push(...records);
  }
  return pieces.end() ? { event: head.event, talks } : null;
}

const file = {
  event: { id: "conf-2026", name: "Konferenz 2026", year: 2026, links: [] },
  talks: [
    { id: "a", title: 'Quotes " and brackets ] } [ { inside', speakers: ["Ana"] },
    { id: "b", title: 'Backslashes \\ and \\" and \\\\', speakers: [] },
    { id: "c", title: "仮想化 — Gäste 🖥", n: -1.5e3, ok: true, none: null },
    { id: "d", title: "\u0000 \n \t escaped" },
    { id: "e", title: "last" },
  ],
};

describe("a catalog file in pieces", () => {
  it("gives JSON.parse's value, as the importer writes it and compact", () => {
    for (const text of [JSON.stringify(file, null, 2), JSON.stringify(file)]) {
      expect(readPieces(text)).toEqual(JSON.parse(text));
      expect(readPieces(text, 1)).toEqual(JSON.parse(text));
      expect(readPieces(text, 25)).toEqual(JSON.parse(text));
    }
  });

  it("gives JSON.parse's value with every JSON whitespace between tokens", () => {
    const text = ' \r\n\t{ "event" :\n{"id":"x"} ,\t"talks"\r:[ 1 , "two" ,[3], {"4":4} ] }\n\n';
    expect(readPieces(text)).toEqual(JSON.parse(text));
    // No talks: the loader's check refuses it, with the message of the whole file's check.
    expect(readPieces('{"event":{},"talks":[ ]}')).toEqual({ event: {}, talks: [] });
  });

  it("decodes bytes that are not UTF-8 as JSON.parse of the decoded file does", () => {
    const bytes = Buffer.concat([
      Buffer.from('{"event":{"id":"x"},"talks":[{"t":"a'),
      Buffer.from([0xff, 0xc3]),
      Buffer.from('"},{"t":"'),
      Buffer.from([0xe4, 0xbb]),
      Buffer.from('b"}]}'),
    ]);
    expect(readPieces(bytes)).toEqual(JSON.parse(bytes.toString("utf8")));
    expect(readPieces(bytes, 1)).toEqual(JSON.parse(bytes.toString("utf8")));
  });

  it("parses fewer records per call once they span the byte budget, one at least", () => {
    // Records of 60, 50, 120, 10 and 10 bytes (a comma between two).
    const talks = [52, 42, 112, 2, 2].map((n) => ({ n: "x".repeat(n) }));
    const text = JSON.stringify({ event: {}, talks });
    const pieces = new CatalogJsonPieces(Buffer.from(text));
    pieces.start();
    const sizes: number[] = [];
    for (let records = pieces.next(25, 100); records?.length; records = pieces.next(25, 100))
      sizes.push(records.length);
    expect(sizes).toEqual([2, 1, 2]);
    expect(pieces.end()).toBe(true);
  });

  it("gives up on what is not the importer's layout or not JSON", () => {
    const cases = [
      '{"talks":[1],"event":{}}', // another key order
      '{"event":{},"talks":[1],"more":2}', // another key
      '{"event":{},"t\\u0061lks":[1]}', // an escaped key
      '\ufeff{"event":{},"talks":[1]}', // a byte order mark
      '{"event":{},"talks":[1,]}', // a trailing comma
      '{"event":{},"talks":[1,,2]}',
      '{"event":{},"talks":[,1]}',
      '{"event":{},"talks":[1 2]}',
      '{"event":{},"talks":[{"a":1}}]}', // brackets that do not match
      '{"event":{},"talks":[tru]}',
      '{"event":{},"talks":[1]}x', // something after the end
      '{"event":{},"talks":[1]',
      '{"event":{},"talks":[{"a":"unterminated}]}',
      '{"event":,"talks":[1]}',
      '{"event":{}"talks":[1]}',
      '{"event":{},"talks":[1]}}',
      "",
    ];
    for (const text of cases) expect([text, readPieces(text)]).toEqual([text, null]);
  });

  it("never gives another value than JSON.parse, nor a value where JSON.parse throws", () => {
    const text = Buffer.from(JSON.stringify(file, null, 1));
    // One byte of JSON's structure inserted or deleted anywhere, or one byte replaced (the
    // bytes of a file: a character cut in two decodes as U+FFFD, as the loader reads it).
    const structural = [...Buffer.from('{}[],:" \\0an-')];
    fc.assert(
      fc.property(
        fc.nat(text.length - 1),
        fc.constantFrom("insert", "delete", "replace"),
        fc.constantFrom(...structural),
        fc.integer({ min: 1, max: 3 }),
        (at, how, byte, max) => {
          const mutated = Buffer.concat([
            text.subarray(0, at),
            how === "delete" ? Buffer.alloc(0) : Buffer.from([byte]),
            text.subarray(how === "insert" ? at : at + 1),
          ]);
          const got = readPieces(mutated, max);
          if (got === null) return;
          expect(got).toEqual(JSON.parse(mutated.toString("utf8")));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("gives JSON.parse's value for any JSON records", () => {
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue(), { minLength: 1, maxLength: 8 }),
        fc.jsonValue(),
        fc.constantFrom(0, 1, 2, "\t"),
        fc.integer({ min: 1, max: 4 }),
        (talks, event, indent, max) => {
          const text = JSON.stringify({ event, talks }, null, indent);
          expect(readPieces(text, max)).toEqual(JSON.parse(text));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("a file's bytes read in steps", () => {
  it("are the file's bytes, decoded as readFileSync decodes them, whatever the size", () => {
    const dir = tempDir("virt-talks-bytes-");
    try {
      const big = Buffer.concat([Buffer.from("é".repeat(200_000)), Buffer.from([0xff, 0xe2])]);
      for (const [name, content] of [
        ["empty", Buffer.alloc(0)],
        ["small", Buffer.from('{"a": "ü"}')],
        ["big", big],
      ] as const) {
        const path = join(dir, name);
        writeFileSync(path, content);
        const bytes = runSteps(readBytesSteps(path));
        expect(bytes.equals(content)).toBe(true);
        expect(runSteps(decodeSteps(bytes))).toBe(content.toString("utf8"));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("include what was written to the file while it was being read", () => {
    const dir = tempDir("virt-talks-bytes-");
    try {
      const path = join(dir, "growing");
      const first = Buffer.alloc(300_000, "a");
      const more = Buffer.alloc(500_000, "b");
      writeFileSync(path, first);
      const steps = readBytesSteps(path);
      steps.next(); // the first 256 KB
      appendFileSync(path, more);
      let step = steps.next();
      while (!step.done) step = steps.next();
      expect(step.value.equals(Buffer.concat([first, more]))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
