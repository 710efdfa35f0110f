// The catalog loaded in slices (a reload while the bot answers) against the load at once
// (start-up): the same talks, byte for byte, and the same message for every bad file. The
// files here are larger than one read step (256 KB) and full of multi-byte characters,
// so reads are cut next to them; a few hold bytes that are not UTF-8 at all.
import { mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type Catalog, loadCatalog, loadCatalogInSlices } from "../../src/core/catalog.ts";
import { checkFile } from "../../src/core/catalog-files.ts";
import { CatalogFileSchema } from "../../src/core/talk.ts";
import { tempDir } from "../support/import-helpers.ts";
import { turnsDuring } from "../support/turns.ts";

/** One imported talk record; `i` makes it unique. Text in 1- to 4-byte UTF-8 characters. */
function record(eventId: string, i: number): Record<string, unknown> {
  return {
    id: `${eventId}-talk-${i}`,
    title: `Überblick ${i}: Speicher für Gäste — 仮想化 ${i} 🖥`,
    speakers: [`Sprecherin ${i}`, `話者 ${i}`],
    added: "2026-11-30",
    summary: `Zusammenfassung ${i}: Seitentabellen, Größen und Grenzen — ünd 🧪.`,
    description: `Beschreibung ${i}. ${"Gastspeicher wächst über Knotengrenzen hinweg — 仮想マシン 🧠. ".repeat(12)}`,
    topics: [],
    keyPoints: [],
    links: [],
    source: {
      format: "frab-xml",
      origin: "schedule.xml",
      key: String(i),
      importedAt: "2026-11-29T12:00:00.000Z",
    },
  };
}

function catalogFile(eventId: string, year: number, talks: number) {
  return {
    event: { id: eventId, name: `Testkonferenz ${year}`, shortName: "TK", year },
    talks: Array.from({ length: talks }, (_, i) => record(eventId, i)),
  };
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A CATALOG_DIRS folder holding `files` (name → content: an object is written as JSON). */
function folder(files: Record<string, unknown>): string {
  const dir = tempDir("virt-talks-slices-");
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    if (content === "(folder)") mkdirSync(join(dir, name));
    else
      writeFileSync(
        join(dir, name),
        Buffer.isBuffer(content) || typeof content === "string"
          ? content
          : JSON.stringify(content, null, 2),
      );
  }
  return dir;
}

/** New mtimes: the loader's cache of checked files must not answer the next load. */
let bump = 0;
function freshen(dir: string, names: readonly string[]): void {
  const when = new Date(Date.UTC(2026, 0, 1, 0, 0, ++bump));
  for (const name of names) utimesSync(join(dir, name), when, when);
}

const filesOf = new Map<string, Record<string, unknown>>();
function catalogDir(files: Record<string, unknown>): string {
  const dir = folder(files);
  filesOf.set(dir, files);
  return dir;
}

/** The sync load and the sliced one of the same files, the cache defeated in between. */
async function bothLoads(
  dir: string,
  options: Parameters<typeof loadCatalog>[2] = {},
): Promise<{ sync: Catalog; sliced: Catalog; turns: number }> {
  const names = Object.keys(filesOf.get(dir) ?? {});
  freshen(dir, names);
  const sync = loadCatalog(undefined, [dir], options);
  freshen(dir, names);
  const { value: sliced, turns } = await turnsDuring(() =>
    loadCatalogInSlices(undefined, [dir], options, 0),
  );
  return { sync, sliced, turns };
}

/** A file of `talks` records with one record changed by `edit`. */
function withDefect(
  eventId: string,
  year: number,
  talks: number,
  edit: (talks: Record<string, unknown>[]) => void,
) {
  const file = catalogFile(eventId, year, talks);
  edit(file.talks);
  return file;
}

describe("the catalog loaded in slices", () => {
  it("holds what the load at once holds, byte for byte, and yields inside a file", async () => {
    // Bytes that are not UTF-8 inside strings: decoded to U+FFFD as readFileSync does.
    const rawFile = (pad: number) => {
      const big = catalogFile("testkonferenz-2024", 2024, 400);
      big.talks[0]!.description += "x".repeat(pad);
      const json = Buffer.from(JSON.stringify(big, null, 2), "utf8");
      const at = json.indexOf("Beschreibung 7.") + 15;
      return Buffer.concat([
        json.subarray(0, at),
        Buffer.from([0xff, 0xe2, 0x82, 0xf0, 0x9f]),
        json.subarray(at),
      ]);
    };
    // Shifted until the first read step ends inside a character: the cut must move back.
    let raw: Buffer | undefined;
    for (let pad = 0; pad < 200 && !raw; pad++) {
      const bytes = rawFile(pad);
      if (((bytes[256 * 1024] ?? 0) & 0xc0) === 0x80) raw = bytes;
    }
    if (!raw) throw new Error("no padding puts a character across the first cut");
    expect(raw.length).toBeGreaterThan(2 * 256 * 1024);
    const dir = catalogDir({
      "testkonferenz-2024.json": raw,
      "testkonferenz-2025.json": catalogFile("testkonferenz-2025", 2025, 30),
    });
    const { sync, sliced, turns } = await bothLoads(dir);
    expect(sync.talks).toHaveLength(loadCatalog().talks.length + 430);
    expect(JSON.stringify(sliced.talks)).toBe(JSON.stringify(sync.talks));
    expect(sliced.talks).toStrictEqual(sync.talks);
    expect([...sliced.byId.keys()]).toEqual([...sync.byId.keys()]);
    expect(sliced.problems).toEqual([]);
    // Every record as JSON.parse(readFileSync(…, "utf8")) reads it (fields trimmed).
    const read = JSON.parse(readFileSync(join(dir, "testkonferenz-2024.json"), "utf8"));
    const expected = read.talks.map((t: { description: string }) => t.description.trim());
    const loaded = sync.talks.filter((t) => t.eventId === "testkonferenz-2024");
    expect(loaded.map((t) => t.description)).toEqual(expected);
    expect(loaded[7]!.description).toContain("Beschreibung 7.\uFFFD\uFFFD\uFFFD");
    // Reading (3 steps), checking and adding 400 records (16 steps each), besides the rest.
    expect(turns).toBeGreaterThan(35);
  });

  it("leaves out the same bad files with the same messages, and keeps the good ones", async () => {
    const files: Record<string, unknown> = {
      "a-good.json": catalogFile("gut-2020", 2020, 60),
      "b-record-300.json": withDefect("schlecht-2021", 2021, 320, (t) => {
        t[300]!.speakers = "Sprecherin";
      }),
      "c-unknown-field.json": withDefect("schlecht-2022", 2022, 320, (t) => {
        t[310]!.sprecher = ["x"];
      }),
      "d-topic.json": withDefect("schlecht-2023", 2023, 320, (t) => {
        t[250]!.topics = ["kvm", "kein-thema"];
      }),
      "e-same-id.json": withDefect("schlecht-2024", 2024, 120, (t) => {
        t[110]!.id = "gut-2020-talk-5";
      }),
      "f-same-talk.json": withDefect("schlecht-2025", 2025, 120, (t) => {
        t[100]!.id = "schlecht-2025-again";
        t[100]!.title = t[3]!.title;
        t[100]!.speakers = t[3]!.speakers;
      }),
      "g-event-id.json": catalogFile("gut-2020", 2020, 2),
      "h-not-json.json": '{"event": {',
      "i-empty.json": { event: catalogFile("leer-2026", 2026, 1).event, talks: [] },
      "j-extra-key.json": { ...catalogFile("extra-2027", 2027, 40), note: "?" },
      "k-folder.json": "(folder)",
      "l-bad-event.json": { ...catalogFile("x", 2027, 40), event: { id: "Bad Id" } },
    };
    const dir = catalogDir(files);
    const { sync, sliced } = await bothLoads(dir);
    const messages = sync.problems.map((p) => p.message.replaceAll(dir, "<dir>"));
    expect(sliced.problems.map((p) => p.message.replaceAll(dir, "<dir>"))).toEqual(messages);
    expect(messages.slice(0, 6)).toEqual([
      "catalog error in <dir>/b-record-300.json, record talks[300] (schlecht-2021-talk-300), field speakers: Invalid input: expected array, received string",
      'catalog error in <dir>/c-unknown-field.json, record talks[310] (schlecht-2022-talk-310), field talks: Unrecognized key: "sprecher"',
      'catalog error in <dir>/d-topic.json, record talks[250] (schlecht-2023-talk-250), field topics.1: unknown topic "kein-thema" (see data/topics.json)',
      "catalog error in <dir>/e-same-id.json, record talks[110] (gut-2020-talk-5), field id: duplicate id, first used in <dir>/a-good.json talks[5] (gut-2020-talk-5)",
      "catalog error in <dir>/f-same-talk.json, record talks[100] (schlecht-2025-again), field title: same talk (title and speakers) as <dir>/f-same-talk.json talks[3] (schlecht-2025-talk-3)",
      'catalog error in <dir>/g-event-id.json, record (event), field id: event id "gut-2020" is also used in <dir>/a-good.json',
    ]);
    expect(messages).toHaveLength(Object.keys(files).length - 1);
    // A file refused halfway adds none of its talks: only the good file's are in.
    expect(sliced.talks.length).toBe(loadCatalog().talks.length + 60);
    expect(JSON.stringify(sliced.talks)).toBe(JSON.stringify(sync.talks));
  });

  it("stops on the same first error when bad files may not be left out", async () => {
    const dir = catalogDir({
      "a-good.json": catalogFile("gut-2020", 2020, 60),
      "b-bad.json": withDefect("schlecht-2021", 2021, 320, (t) => {
        t[299]!.title = "   ";
      }),
    });
    const errorOf = async (load: () => unknown) => {
      try {
        await load();
      } catch (err) {
        return (err as Error).message.replaceAll(dir, "<dir>");
      }
      return "no error";
    };
    const sync = await errorOf(() => loadCatalog(undefined, [dir], { extraFiles: "throw" }));
    freshen(dir, ["a-good.json", "b-bad.json"]);
    const sliced = await errorOf(() =>
      loadCatalogInSlices(undefined, [dir], { extraFiles: "throw" }, 0),
    );
    expect(sliced).toBe(sync);
    expect(sync).toBe(
      "catalog error in <dir>/b-bad.json, record talks[299] (schlecht-2021-talk-299), field title: Too small: expected string to have >=1 characters",
    );
  });

  it("a reload shares the talks of unchanged files and still checks them against the rest", async () => {
    const dir = catalogDir({
      "a.json": catalogFile("gut-2020", 2020, 30),
      "b.json": catalogFile("gut-2021", 2021, 30),
    });
    const first = loadCatalog(undefined, [dir]);
    const again = await loadCatalogInSlices(undefined, [dir]);
    expect(again.byId.get("gut-2020-talk-3")).toBe(first.byId.get("gut-2020-talk-3"));
    // A new file that reuses an id: the unchanged file's talks still take part in the check.
    writeFileSync(
      join(dir, "c.json"),
      JSON.stringify(withDefect("neu-2022", 2022, 5, (t) => (t[4]!.id = "gut-2021-talk-9"))),
    );
    const third = await loadCatalogInSlices(undefined, [dir]);
    expect(third.problems.map((p) => p.message.replaceAll(dir, "<dir>"))).toEqual([
      "catalog error in <dir>/c.json, record talks[4] (gut-2021-talk-9), field id: duplicate id, first used in <dir>/b.json talks[9] (gut-2021-talk-9)",
    ]);
    expect(third.talks).toStrictEqual(first.talks);
    // A new file read before an unchanged one: the unchanged one's records, talks reused,
    // are checked against it, and the message names both places.
    writeFileSync(
      join(dir, "0.json"),
      JSON.stringify(withDefect("neu-2019", 2019, 2, (t) => (t[1]!.id = "gut-2020-talk-3"))),
    );
    const fifth = await loadCatalogInSlices(undefined, [dir]);
    expect(fifth.problems.map((p) => p.message.replaceAll(dir, "<dir>"))).toEqual([
      "catalog error in <dir>/a.json, record talks[3] (gut-2020-talk-3), field id: duplicate id, first used in <dir>/0.json talks[1] (gut-2020-talk-3)",
      "catalog error in <dir>/c.json, record talks[4] (gut-2021-talk-9), field id: duplicate id, first used in <dir>/b.json talks[9] (gut-2021-talk-9)",
    ]);
    expect(fifth.byId.get("gut-2021-talk-3")).toBe(first.byId.get("gut-2021-talk-3"));
    rmSync(join(dir, "0.json"));
    // A changed file gets talks of its own.
    freshen(dir, ["a.json"]);
    const fourth = loadCatalog(undefined, [dir]);
    expect(fourth.byId.get("gut-2020-talk-3")).not.toBe(first.byId.get("gut-2020-talk-3"));
    expect(fourth.byId.get("gut-2020-talk-3")).toStrictEqual(first.byId.get("gut-2020-talk-3"));
  });

  it("reads a file laid out otherwise whole: the same talks, and JSON.parse's own message", async () => {
    const good = catalogFile("gut-2020", 2020, 80);
    const json = JSON.stringify(good, null, 2);
    // A trailing comma inside record 70: found only when its piece is parsed.
    const at = json.indexOf('"id": "gut-2020-talk-70"') + '"id": "gut-2020-talk-70",'.length;
    const broken = `${json.slice(0, at)},${json.slice(at)}`;
    let parseError = "";
    try {
      JSON.parse(broken);
    } catch (err) {
      parseError = (err as Error).message;
    }
    const dir = catalogDir({
      "a-talks-first.json": JSON.stringify({ talks: good.talks, event: good.event }),
      "b-broken.json": broken,
    });
    const { sync, sliced } = await bothLoads(dir);
    expect(sliced.problems.map((p) => p.message.replaceAll(dir, "<dir>"))).toEqual([
      `catalog error in <dir>/b-broken.json, record (file), field (file): invalid JSON: ${parseError}`,
    ]);
    expect(sync.problems.map((p) => p.message)).toEqual(sliced.problems.map((p) => p.message));
    expect(parseError).toMatch(/position/);
    expect(sliced.talks).toHaveLength(loadCatalog().talks.length + 80);
    expect(JSON.stringify(sliced.talks)).toBe(JSON.stringify(sync.talks));
    // As the importer lays it out, the same file gives the very same talks.
    writeFileSync(join(dir, "a-talks-first.json"), json);
    freshen(dir, ["a-talks-first.json"]);
    const inPieces = loadCatalog(undefined, [dir]);
    expect(JSON.stringify(inPieces.talks)).toBe(JSON.stringify(sync.talks));
  });

  it("checks a file record by record into what the schema gives for the whole file", () => {
    const data = catalogFile("testkonferenz-2024", 2024, 120);
    expect(checkFile("f.json", data)).toStrictEqual(CatalogFileSchema.parse(data));
  });
});
