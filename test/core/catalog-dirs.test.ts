// Imported talks as first-class catalog members: CATALOG_DIRS loading, duplicate ids
// naming both files, search (descriptions, filters), cards and the talk of the day.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createCore } from "../../src/core/answer.ts";
import { byline, toCard } from "../../src/core/card.ts";
import {
  type Catalog,
  CatalogError,
  DEFAULT_DATA_DIR,
  loadCatalog,
} from "../../src/core/catalog.ts";
import { parseCommand } from "../../src/core/grammar.ts";
import { talkOfTheDay } from "../../src/totd/today.ts";
import { fixture, importInto, tempDir } from "../support/import-helpers.ts";

const builtIn = loadCatalog();
let dir = "";
let catalog: Catalog;

beforeAll(async () => {
  dir = tempDir();
  const long = join(tempDir(), "kvm-forum-2026.json");
  const json = JSON.parse(readFileSync(fixture("kvm-forum-2026.json"), "utf8"));
  // A word past the summary's cut: only the indexed description holds it.
  json.schedule.conference.days[1].rooms["Main Hall"][0].description =
    `${"The selftests run under every supported host configuration. ".repeat(12)}They also cover the zircon erratum workaround.`;
  writeFileSync(long, JSON.stringify(json));
  await importInto(dir, [long]);
  await importInto(dir, [fixture("fosdem-2026.xml")], { track: /virtualization/iu });
  await importInto(dir, [fixture("lpc-2026-contributions.json")], { track: /virtualization/iu });
  await importInto(dir, [fixture("kvm-forum-2014.ics")]);
  catalog = loadCatalog(undefined, [dir]);
});

const search = (query: string) => {
  const core = createCore({ catalog, timeZone: "UTC" });
  const command = parseCommand(query);
  if (command.kind !== "search") throw new Error(`not a search: ${query}`);
  return core.engine.search(command.request, 20).hits.map((h) => h.talk.id);
};

describe("CATALOG_DIRS", () => {
  it("loads the built-in catalog and then every imported file", () => {
    expect(catalog.talks.length).toBe(builtIn.talks.length + 3 + 4 + 2 + 2);
    expect(catalog.talks.slice(0, builtIn.talks.length).map((t) => t.id)).toEqual(
      builtIn.talks.map((t) => t.id),
    );
    const t = catalog.byId.get("fosdem-2026-virt-virtio-fs-dax")!;
    expect([t.track, t.eventId, t.year, t.added, t.keyPoints]).toEqual([
      "Virtualization and Cloud Infrastructure",
      "fosdem-2026",
      2026,
      "2026-11-30",
      [],
    ]);
  });

  it("the same id in two directories leaves the second file out, naming both files", () => {
    const other = tempDir();
    const file = JSON.parse(readFileSync(join(dir, "kvm-forum-2014.json"), "utf8"));
    file.event.id = "kvm-forum-2014-copy";
    writeFileSync(join(other, "copy.json"), JSON.stringify(file));
    const error = new CatalogError(
      `${other}/copy.json`,
      "talks[0] (kvm-forum-2014-tuning-vhost-net-for-40g-nics)",
      "id",
      `duplicate id, first used in ${dir}/kvm-forum-2014.json talks[0] (kvm-forum-2014-tuning-vhost-net-for-40g-nics)`,
    );
    const loaded = loadCatalog(undefined, [dir, other]);
    expect(loaded.problems.map((p) => p.message)).toEqual([error.message]);
    expect(loaded.talks).toHaveLength(catalog.talks.length);
    expect(() => loadCatalog(undefined, [dir, other], { extraFiles: "throw" })).toThrow(error);
  });

  it("a bad imported file names file, record and field", () => {
    const other = tempDir();
    cpSync(dir, other, { recursive: true });
    const path = join(other, "fosdem-2026.json");
    const file = JSON.parse(readFileSync(path, "utf8"));
    file.talks[2].links[0].url = "javascript:alert(1)";
    writeFileSync(path, JSON.stringify(file));
    const loaded = loadCatalog(undefined, [other]);
    expect(loaded.problems).toHaveLength(1);
    expect(loaded.problems[0]!.message).toMatch(
      /^catalog error in .*\/fosdem-2026\.json, record talks\[2\] \(fosdem-2026-virt-virtio-fs-dax\), field links\.0\.url: /,
    );
    // The rest is served: every talk but the bad file's.
    expect(loaded.talks).toHaveLength(catalog.talks.length - 4);
    expect(loaded.byId.has("fosdem-2026-virt-virtio-fs-dax")).toBe(false);
  });

  it("a missing directory is not an error: the first import creates it", () => {
    const missing = join(tempDir(), "nope");
    const loaded = loadCatalog(undefined, [missing]);
    expect([loaded.talks.length, loaded.problems]).toEqual([builtIn.talks.length, []]);
  });

  it("the built-in catalog stays fail-fast", () => {
    const data = tempDir();
    cpSync(DEFAULT_DATA_DIR, data, { recursive: true });
    writeFileSync(join(data, "talks", "zz-broken.json"), "{");
    expect(() => loadCatalog(data, [dir])).toThrow(
      /^catalog error in talks\/zz-broken\.json, record \(file\), field \(file\): invalid JSON/,
    );
  });

  it("`only`: the named files and the pending ones, labelled and ordered as in the whole load", () => {
    const fosdem = join(dir, "fosdem-2026.json");
    const pendingPath = join(dir, "new-2026.json");
    const pendingFile = {
      event: { id: "new-2026", name: "New 2026", shortName: "New 2026", year: 2026 },
      talks: [{ ...JSON.parse(readFileSync(fosdem, "utf8")).talks[0], id: "new-2026-talk" }],
    };
    const only = new Set([fosdem]);
    const some = loadCatalog(undefined, [`${dir}/`], {
      only,
      pending: new Map([[pendingPath, pendingFile]]),
    });
    // The other files of the folder are not read; the pending one is refused as its
    // twin of the FOSDEM file, named as the whole load names it.
    expect(some.talks.slice(builtIn.talks.length).map((t) => t.id)).toEqual(
      catalog.talks.filter((t) => t.eventId === "fosdem-2026").map((t) => t.id),
    );
    expect(some.problems.map((p) => p.message)).toEqual([
      `catalog error in ${pendingPath}, record talks[0] (new-2026-talk), field title: same talk (title and speakers) as ${dir}/fosdem-2026.json talks[0] (${catalog.talks.find((t) => t.eventId === "fosdem-2026")!.id})`,
    ]);
  });

  it("an empty directory adds nothing", () => {
    const empty = join(tempDir(), "empty");
    mkdirSync(empty);
    expect(loadCatalog(undefined, [empty]).talks).toHaveLength(builtIn.talks.length);
  });
});

describe("imported talks in search", () => {
  it("finds words of the full description, not only the summary", () => {
    expect(search("zircon")).toEqual(["kvm-forum-2026-4103-testing-nested-virtualization-in-ci"]);
  });

  it("speaker:, event:, year: and topic: filters work on imported talks", () => {
    expect(search("speaker:haddad").sort()).toEqual([
      "kvm-forum-2026-4101-guest-memfd-and-huge-pages",
      "linux-plumbers-conference-2026-7-dirty-page-tracking-without-write-protection",
    ]);
    expect(search("event:fosdem numa")).toEqual(["fosdem-2026-virt-kubevirt-numa"]);
    expect(search("year:2014 qcow2")).toEqual([
      "kvm-forum-2014-block-jobs-and-the-qemu-storage-daemon",
    ]);
    expect(search("topic:vfio year:2026").sort()).toEqual([
      "fosdem-2026-virt-vfio-live-update",
      "kvm-forum-2026-4102-post-copy-migration-for-vfio-devices",
    ]);
  });
});

describe("imported talks on cards and as talk of the day", () => {
  it("a card shows event and track, and the talk page as its link", () => {
    const card = toCard(catalog.byId.get("fosdem-2026-virt-vfio-live-update")!);
    expect(byline(card)).toBe(
      "Mara Lindqvist, Tomasz Wrona · FOSDEM 2026 · Virtualization and Cloud Infrastructure",
    );
    // The title links to the talk's page, never to a download (slides, a recording).
    expect(card.url).toBe("https://fosdem.example.org/2026/schedule/event/virt-vfio-live-update/");
    expect(card.links.map((l) => l.label)).toEqual(["Page", "Slides", "Video", "Event page"]);
  });

  it("a talk with no link of its own shows the conference page", () => {
    const file = JSON.parse(readFileSync(join(dir, "fosdem-2026.json"), "utf8"));
    file.talks[2].links = [];
    const other = tempDir();
    writeFileSync(join(other, "fosdem-2026.json"), JSON.stringify(file));
    const talk = loadCatalog(undefined, [other]).byId.get("fosdem-2026-virt-virtio-fs-dax")!;
    const card = toCard(talk);
    expect([card.url, card.links]).toEqual([
      "https://fosdem.example.org/2026/",
      [{ kind: "event", label: "Event page", url: "https://fosdem.example.org/2026/" }],
    ]);
  });

  it("past days keep their talk of the day; imported talks join from their added day", () => {
    // Imported on 2026-11-29, so added 2026-11-30: every day up to the import is unchanged.
    const days = Array.from({ length: 29 }, (_, i) =>
      new Date(Date.UTC(2026, 10, 1 + i)).toISOString().slice(0, 10),
    );
    for (const day of days)
      expect([day, talkOfTheDay(catalog.talks, day).id]).toEqual([
        day,
        talkOfTheDay(builtIn.talks, day).id,
      ]);
    const later = Array.from({ length: 120 }, (_, i) =>
      new Date(Date.UTC(2026, 10, 30 + i)).toISOString().slice(0, 10),
    ).map((d) => talkOfTheDay(catalog.talks, d));
    expect(later.some((t) => t.added !== null)).toBe(true);
  });
});
