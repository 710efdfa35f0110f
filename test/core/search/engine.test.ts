import { describe, expect, it } from "vitest";
import { createCore } from "../../../src/core/answer.ts";
import { loadCatalog } from "../../../src/core/catalog.ts";
import { searchIds, searchRequest } from "../../support/search.ts";

const core = createCore({ catalog: loadCatalog(), timeZone: "UTC", random: () => 0.5 });

const ids = (query: string, limit = 5) => searchIds(core, query, limit);

describe("search", () => {
  it("finds the NUMA talks of LPC 2010, LPC 2012 and KVM Forum 2011 for 'numa'", () => {
    expect(ids("numa")).toEqual(
      expect.arrayContaining([
        "lpc-2010-virtualizing-numa",
        "lpc-2012-xen-numa",
        "lpc-2012-autonuma",
        "kvm-forum-2011-future-of-mm",
      ]),
    );
  });

  it("answers numa only with talks that speak of NUMA", () => {
    const talks = core.engine.search(searchRequest("numa"), 30).hits.map((h) => h.talk);
    expect(talks.length).toBe(8);
    for (const t of talks) expect(JSON.stringify(t).toLowerCase(), t.id).toContain("numa");
  });

  it("puts the talk a query names first", () => {
    expect(ids("smartos")[0]).toBe("kvm-forum-2011-smartos");
    expect(ids("live block copy")[0]).toBe("kvm-forum-2011-live-block-copy");
    expect(ids("colo")[0]).toBe("lpc-2012-colo");
    expect(ids("xen scheduler")[0]).toBe("xen-summit-asia-2009-xen-scheduler");
    expect(ids("Williamson").slice(0, 2).sort()).toEqual(["kvm-forum-2011-vfio", "lpc-2012-vfio"]);
  });

  it("forgives typos", () => {
    expect(ids("migraton")[0]).toBe("kvm-forum-2011-live-migration");
    expect(ids("balon driver")[0]).toBe("lpc-2012-unified-balloon");
    expect(ids("transcendant memmory")).toEqual(
      expect.arrayContaining(["kvm-forum-2011-tmem", "lpc-2010-advanced-memory-management"]),
    );
    expect(ids("williamsen").slice(0, 2).sort()).toEqual(["kvm-forum-2011-vfio", "lpc-2012-vfio"]);
    expect(core.engine.search(searchRequest("migraton"), 1).corrections).toEqual([
      "migraton → migration",
    ]);
  });

  it("knows the domain's synonyms and spellings", () => {
    expect(ids("pacifica")[0]).toBe("lpc-2010-nested-svm");
    expect(ids("amd-v")[0]).toBe("lpc-2010-nested-svm");
    expect(ids("tmem")[0]).toBe("kvm-forum-2011-tmem");
    expect(ids("postcopy")[0]).toBe("kvm-forum-2011-postcopy");
    expect(ids("post-copy")[0]).toBe("kvm-forum-2011-postcopy");
    expect(ids("sriov")).toEqual(ids("sr-iov"));
    expect(ids("virtualisation security")[0]).toBe("lpc-2012-virt-security");
  });

  it("answers questions no talk covers with nothing", () => {
    for (const q of [
      "kubernetes",
      "pancake recipe",
      "kafka streams",
      "react hooks",
      "tax return deadline",
      "qwertyuiop",
    ]) {
      expect(ids(q), q).toEqual([]);
    }
    const answer = core.answer("kubernetes");
    expect(answer).toEqual({
      kind: "no-results",
      query: "kubernetes",
      suggestions: core.suggestions(),
      speakers: [],
    });
    expect(core.suggestions()).toHaveLength(5);
  });

  it("applies filters, alone and with words", () => {
    expect(ids("speaker:arcangeli")).toEqual(["lpc-2012-autonuma", "kvm-forum-2011-future-of-mm"]);
    expect(ids("speaker:arcangel")).toEqual(["lpc-2012-autonuma", "kvm-forum-2011-future-of-mm"]);
    expect(ids("vfio year:2012")[0]).toBe("lpc-2012-vfio");
    expect(ids('event:"kvm forum" vfio')[0]).toBe("kvm-forum-2011-vfio");
    expect(ids("event:lpc numa").every((id) => id.startsWith("lpc-"))).toBe(true);
    expect(ids("topic:passthrough", 30).length).toBeGreaterThan(3);
    expect(ids("topic:numa year:2010")).toEqual(["lpc-2010-virtualizing-numa"]);
    expect(ids("year:2005")).toEqual([]);
  });

  it("requires quoted phrases as written", () => {
    expect(ids('"block copy"')[0]).toBe("kvm-forum-2011-live-block-copy");
    expect(ids('"copy block"')).toEqual([]);
  });

  it("orders ties newest first, then by title", () => {
    const listed = ids("year:2009-2012", 70);
    expect(listed).toHaveLength(70);
    expect(listed[0]).toBe("lpc-2012-autonuma");
    expect(listed.at(-1)).toBe("xen-summit-asia-2009-red-flag-ha-solution");
  });

  it("ranks by the talks, not by their order in the catalog", () => {
    const talks = loadCatalog().talks;
    const reversed = createCore({
      catalog: { ...loadCatalog(), talks: [...talks].reverse() },
      timeZone: "UTC",
    });
    for (const q of ["memory", "migration", "xen", "topic:numa", "year:2011", "virtio net"])
      expect(searchIds(reversed, q, 30), q).toEqual(ids(q, 30));
    expect(ids("memory")).toEqual([
      "kvm-forum-2011-tmem",
      "lpc-2010-advanced-memory-management",
      "kvm-forum-2011-memory-overcommit",
      // Called "The future of memory management": a title naming the word ranks it first.
      "kvm-forum-2011-future-of-mm",
      "lpc-2012-unified-balloon",
    ]);
  });
});

describe("core.answer", () => {
  it("pages results three at a time", () => {
    const first = core.answer("migration");
    const second = core.answer("migration", { offset: 3 });
    if (first.kind !== "results" || second.kind !== "results") throw new Error("expected results");
    expect(first.hits).toHaveLength(3);
    expect(first.offset).toBe(0);
    expect(second.offset).toBe(3);
    expect(first.total).toBeGreaterThan(3);
    expect(second.hits[0]!.card.id).not.toBe(first.hits[0]!.card.id);
  });

  it("answers help, usage, today and random without throwing", () => {
    expect(core.answer("").kind).toBe("help");
    expect(core.answer("foo:bar").kind).toBe("usage");
    expect(core.answer("x".repeat(10_000)).kind).toBe("usage");
    expect(core.answer(undefined as unknown as string).kind).toBe("help");
    const today = core.answer("today");
    expect(today).toMatchObject({
      kind: "talk",
      reason: "today",
      card: { heading: expect.stringMatching(/^Talk of the day · \d{4}-\d{2}-\d{2}$/) },
    });
    expect(core.answer("random")).toMatchObject({
      kind: "talk",
      reason: "random",
      card: { id: core.catalog.talks[35]!.id },
    });
  });

  it("gives each card its best link, or none", () => {
    const vfio = core.answer("vfio year:2011");
    if (vfio.kind !== "results") throw new Error("expected results");
    expect(vfio.hits[0]!.card.url).toBe(
      "http://www.linux-kvm.org/wiki/images/d/d1/2011-forum-VFIO.pdf",
    );
    const seabios = core.answer("seabios");
    if (seabios.kind !== "results") throw new Error("expected results");
    expect(seabios.hits[0]!.card.url).toBeNull();
  });
});
