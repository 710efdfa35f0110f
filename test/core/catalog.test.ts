import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CatalogError, DEFAULT_DATA_DIR, loadCatalog } from "../../src/core/catalog.ts";
import { TalkRecordSchema } from "../../src/core/talk.ts";
import { readSeeds, seedsAvailable, sharedRuns, shingles } from "../support/seed-overlap.ts";

const catalog = loadCatalog();

describe("the catalog", () => {
  it("holds every talk of the seeds: 70, counted per event", () => {
    const perEvent = new Map<string, number>();
    for (const t of catalog.talks) perEvent.set(t.eventId, (perEvent.get(t.eventId) ?? 0) + 1);
    expect(Object.fromEntries(perEvent)).toEqual({
      "kvm-forum-2011": 24,
      "kvm-weather-report-2012": 1,
      "lpc-2010": 10,
      "lpc-2012": 16,
      "xen-summit-asia-2009": 19,
    });
    expect(catalog.talks).toHaveLength(70);
  });

  it("names every speaker the seeds name", () => {
    const names = new Set(catalog.talks.flatMap((t) => [...t.speakers, ...t.authors]));
    const expected = [
      "Kevin O'Connor",
      "Khoa Huynh",
      "Stefan Hajnoczi",
      "Stefano Stabellini",
      "Anthony Perard",
      "Alexander Graf",
      "Andre Przywara",
      "Jeremy Fitzhardinge",
      "Dan Magenheimer",
      "Leonid Grossman",
      "Dhavai Giani",
      "Joerg Roedel",
      "Paul Moore",
      "Bharata Rao",
      "Jun Nakajima",
      "Will Auld",
      "Dario Faggioli",
      "Andrea Arcangeli",
      "Daniel Kiper",
      "Marc Zyngier",
      "Alex Williamson",
      "Alex Graf",
      "John Fastabend",
      "Vivek Kashyap",
      "Avi",
      "Paul Mackerras",
      "Kevin Wolf",
      "Paolo Bonzini",
      "Asias He",
      "Rik van Riel",
      "Bryan Cantrill",
      "Michael Tsirkin",
      "Ryan Harper",
      "Anthony Liguori",
      "Markus Armbruster",
      "Alon Levy",
      "Gerd Hoffmann",
      "Allen Kay",
      "Marcelo Tosatti",
      "Juan Quintela",
      "Takahiro Hirofuchi",
      "Jun Kamada",
      "Simon Horman",
      "Isaku Yamahata",
      "Akio Takebe",
      "Ben Lin",
      "Weidong Han",
      "Zhigang Wang",
      "George Dunlap",
      "Haicheng Li",
      "Tao Ma",
      "Joel Becker",
      "He Qing",
      "Thomas Goirand",
      "Cao Wei",
      "Zhiteng Huang",
      "Wang Chao",
      "Xiaowei Yang",
      "Noboru Iwamatsu",
      "Sang-bum Suh",
      "Yunhong Jiang",
      "Ying Song",
      "Yuzhong Sun",
      "Sheng Yang",
      "Eddie Dong",
      "Chen Haibo",
    ];
    expect(expected.filter((n) => !names.has(n))).toEqual([]);
  });

  it("gives every talk a summary, 3-6 key points, known topics and unique ids", () => {
    const ids = new Set(catalog.talks.map((t) => t.id));
    expect(ids.size).toBe(catalog.talks.length);
    for (const t of catalog.talks) {
      expect(t.summary.length).toBeGreaterThan(80);
      expect(t.keyPoints.length).toBeGreaterThanOrEqual(3);
      expect(t.keyPoints.length).toBeLessThanOrEqual(6);
      for (const topic of t.topics) expect(catalog.topics.has(topic)).toBe(true);
    }
  });

  it("links talks without links of their own to their event's page", () => {
    const tmem = catalog.byId.get("kvm-forum-2011-tmem")!;
    expect(tmem.links.map((l) => l.kind)).toEqual(["event", "notes"]);
    const vfio = catalog.byId.get("kvm-forum-2011-vfio")!;
    expect(vfio.links[0]).toEqual({
      kind: "slides",
      url: "http://www.linux-kvm.org/wiki/images/d/d1/2011-forum-VFIO.pdf",
    });
  });
});

describe.skipIf(!seedsAvailable())(
  "the catalog against the seeds (skipped where ../shared/seeds is absent)",
  () => {
    const seeds = seedsAvailable() ? readSeeds() : "";
    // The seeds escape some characters in Markdown link text; compare without backslashes.
    const plainSeeds = seeds.replace(/\\/g, "");

    it("has only URLs that occur in the seeds", () => {
      const urls = catalog.talks.flatMap((t) => t.links.map((l) => l.url));
      expect(urls.filter((u) => !plainSeeds.includes(u))).toEqual([]);
    });

    it("names only speakers whose names occur in the seeds", () => {
      const names = new Set(catalog.talks.flatMap((t) => [...t.speakers, ...t.authors]));
      // Stefano Stabellini is also spelled "Stabellino" in one seed; the spellings are unified.
      const missing = [...names].filter((n) => !seeds.includes(n) && n !== "Stefano Stabellini");
      expect(missing).toEqual([]);
    });

    it("writes summaries and key points in its own words (no 7-word run copied)", () => {
      const seedRuns = shingles(seeds, 7);
      const copied = catalog.talks.flatMap((t) =>
        [t.summary, ...t.keyPoints].flatMap((text) =>
          sharedRuns(text, seedRuns, 7).map((run) => `${t.id}: ${run}`),
        ),
      );
      expect(copied).toEqual([]);
    });
  },
);

describe("a malformed catalog", () => {
  let dir = "";
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function brokenCopy(
    edit: (doc: { talks: Record<string, unknown>[] }) => unknown,
    file = "lpc-2010.json",
  ): string {
    dir = mkdtempSync(join(tmpdir(), "virt-talks-catalog-"));
    cpSync(DEFAULT_DATA_DIR, dir, { recursive: true });
    const path = join(dir, "talks", file);
    const doc = JSON.parse(readFileSync(path, "utf8"));
    writeFileSync(path, JSON.stringify(edit(doc) ?? doc));
    return dir;
  }

  const failure = (d: string) => {
    try {
      loadCatalog(d);
    } catch (err) {
      return err as CatalogError;
    }
    throw new Error("loadCatalog accepted a broken catalog");
  };

  it("names the file, record and field of a missing field", () => {
    const err = failure(
      brokenCopy((doc) => {
        delete doc.talks[2]!.summary;
      }),
    );
    expect(err).toBeInstanceOf(CatalogError);
    expect(err.message).toBe(
      "catalog error in talks/lpc-2010.json, record talks[2] (lpc-2010-qemu-xen-integration), field summary: needs a summary (only imported talks may have none)",
    );
  });

  it("names a duplicate id and where it was first used", () => {
    const err = failure(
      brokenCopy((doc) => {
        doc.talks[1]!.id = doc.talks[0]!.id;
      }),
    );
    expect(err.message).toBe(
      "catalog error in talks/lpc-2010.json, record talks[1] (lpc-2010-seabios), field id: duplicate id, first used in talks/lpc-2010.json talks[0] (lpc-2010-seabios)",
    );
  });

  it("rejects a URL that is not http(s)", () => {
    const err = failure(
      brokenCopy((doc) => {
        doc.talks[0]!.links = [{ kind: "slides", url: "javascript:alert(1)" }];
      }),
    );
    expect(err.message).toMatch(
      /^catalog error in talks\/lpc-2010\.json, record talks\[0\] \(lpc-2010-seabios\), field links\.0\.url: /,
    );
  });

  it("rejects a topic outside the vocabulary", () => {
    const err = failure(
      brokenCopy((doc) => {
        doc.talks[0]!.topics = ["firmware", "kubernetes"];
      }),
    );
    expect(err.message).toBe(
      'catalog error in talks/lpc-2010.json, record talks[0] (lpc-2010-seabios), field topics.1: unknown topic "kubernetes" (see data/topics.json)',
    );
  });

  it("reports invalid JSON with the file name", () => {
    dir = mkdtempSync(join(tmpdir(), "virt-talks-catalog-"));
    cpSync(DEFAULT_DATA_DIR, dir, { recursive: true });
    writeFileSync(join(dir, "talks", "lpc-2012.json"), '{"event": {');
    expect(failure(dir).message).toMatch(
      /^catalog error in talks\/lpc-2012\.json, record \(file\), field \(file\): invalid JSON: /,
    );
  });

  it("rejects the same talk entered twice under two ids", () => {
    const err = failure(
      brokenCopy((doc) => {
        doc.talks.push({ ...doc.talks[0]!, id: "lpc-2010-seabios-again" });
      }),
    );
    expect(err.message).toBe(
      "catalog error in talks/lpc-2010.json, record talks[10] (lpc-2010-seabios-again), field title: same talk (title and speakers) as talks/lpc-2010.json talks[0] (lpc-2010-seabios)",
    );
  });
});

describe("records only an import may leave thin", () => {
  const base = {
    id: "x-talk",
    title: "A talk",
    speakers: [],
    summary: "What it was about.",
    keyPoints: ["one", "two", "three"],
    topics: ["kvm"],
  };
  const source = {
    format: "ical",
    origin: "x.ics",
    key: "uid-1",
    importedAt: "2026-11-29T12:00:00Z",
  };
  const problem = (record: object) => {
    const r = TalkRecordSchema.safeParse(record);
    return r.success ? null : `${r.error.issues[0]!.path.join(".")}: ${r.error.issues[0]!.message}`;
  };

  it("a hand-written talk needs topics and key points; an imported one may have neither", () => {
    expect(problem(base)).toBeNull();
    expect(problem({ ...base, topics: [] })).toBe(
      "topics: needs 1-8 topics (only imported talks may have none)",
    );
    expect(problem({ ...base, keyPoints: [] })).toBe(
      "keyPoints: needs 3-6 key points (only imported talks may have none)",
    );
    expect(problem({ ...base, topics: [], keyPoints: [], source })).toBeNull();
  });
});
