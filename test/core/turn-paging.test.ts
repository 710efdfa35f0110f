// The memory of each asker's last search: what "more", picks, pages and "another one" move
// through, per key, and what forgets it.
import { describe, expect, it } from "vitest";
import { loadCatalog } from "../../src/core/catalog.ts";
import { parseCoreCommand } from "../../src/core/grammar.ts";
import { createLibrary } from "../../src/core/library.ts";
import type { Reply } from "../../src/core/reply.ts";
import { createTurnPaging } from "../../src/core/turn-paging.ts";
import { catalogOf, talkWith } from "../support/talks.ts";

const catalog = loadCatalog();
const library = createLibrary({
  catalog,
  timeZone: "UTC",
  clock: () => new Date("2026-11-22T12:00:00Z"),
});
const paging = () => createTurnPaging({ library, entries: 10, ttlMs: 60_000 });

function offsetOf(reply: Reply): number {
  if (reply.kind !== "results") throw new Error(`expected results, got ${reply.kind}`);
  return reply.offset;
}

describe("turn paging", () => {
  it("has nothing to page before a search, under any key", () => {
    expect(paging().more("a", {})).toEqual({ kind: "nothing-to-page" });
  });

  it("pages on from the remembered search, per key", () => {
    const p = paging();
    p.remember("a", library.current().answer("kvm"));
    expect(offsetOf(p.more("a", {}))).toBe(3);
    expect(offsetOf(p.more("a", {}))).toBe(6);
    expect(p.more("b", {})).toEqual({ kind: "nothing-to-page" });
  });

  it("forgets the last search when a search finds nothing", () => {
    const p = paging();
    p.remember("a", library.current().answer("kvm"));
    p.remember("a", library.current().answer("zzqxv"));
    expect(p.more("a", {})).toEqual({ kind: "nothing-to-page" });
  });

  it("picks one talk as a page of one without moving `more`", () => {
    const p = paging();
    const first = p.remember("a", library.current().answer("kvm"));
    if (first.kind !== "results") throw new Error("expected results");
    const picked = p.pick("a", { kind: "pick", index: 2, bare: false, text: "show 2" }, {});
    expect(picked).toEqual(library.current().answer("kvm", { offset: 1, pageSize: 1 }));
    expect(offsetOf(p.more("a", {}))).toBe(3);
    const past = p.pick("a", { kind: "page", page: 10_000, text: "page 10000" }, {});
    const pages = Math.ceil(first.total / 3);
    expect(past).toEqual({
      kind: "note",
      message: `There is no page 10000: your last search "kvm" has pages 1 to ${pages}.`,
      quoted: "kvm",
    });
  });

  it("goes back a page with `previous`, never before the first", () => {
    const p = paging();
    p.remember("a", library.current().answer("kvm", { offset: 6 }));
    const previous = { kind: "previous", bare: false, text: "previous" } as const;
    expect(offsetOf(p.pick("a", previous, {}))).toBe(3);
    expect(offsetOf(p.pick("a", previous, {}))).toBe(0);
    expect(offsetOf(p.pick("a", previous, {}))).toBe(0);
  });

  it("after a random talk, `another` is another random talk and `more` still pages", () => {
    const p = paging();
    p.remember("a", library.current().answer("kvm"));
    expect(offsetOf(p.another("a", {}))).toBe(3);
    expect(p.random("a", {}).kind).toBe("talk");
    expect(p.another("a", {}).kind).toBe("talk");
    expect(offsetOf(p.more("a", {}))).toBe(6);
  });

  it("after `random numa`, `another` picks again among the NUMA talks", () => {
    const small = createLibrary({
      catalog: catalogOf([
        talkWith({ id: "numa-1", title: "Virtualizing NUMA" }),
        talkWith({ id: "numa-2", title: "NUMA balancing for guests" }),
        talkWith({ id: "virtio", title: "Virtio rings" }),
      ]),
      timeZone: "UTC",
      random: () => 0.99,
    });
    const p = createTurnPaging({ library: small, entries: 10, ttlMs: 60_000 });
    const cardOf = (reply: Reply) =>
      reply.kind === "talk" ? [reply.card.id, reply.card.heading] : reply.kind;
    const command = parseCoreCommand("random numa");
    if (command.kind !== "random" || !command.request) throw new Error("expected random numa");
    expect(cardOf(p.random("a", {}, command.request))).toEqual(["numa-2", "Random talk · numa"]);
    expect(cardOf(p.another("a", {}))).toEqual(["numa-2", "Random talk · numa"]);
    // A new search ends the run: "another one" pages it again.
    p.remember("a", small.current().answer("virtio"));
    expect(p.another("a", {}).kind).toBe("end-of-results");
  });
});

describe("turn paging with a page size the core clamps", () => {
  // The core shows a page size of 0 as 1, 2.5 as 2, NaN as its default (3): "page N" and
  // "previous" count pages of the size shown, by the same clamp (answer-paging.ts).
  const pageOf = (size: number, page: number) => {
    const p = paging();
    p.remember("a", library.current().answer("kvm", { pageSize: size }));
    return offsetOf(p.pick("a", { kind: "page", page, text: `page ${page}` }, { pageSize: size }));
  };

  it("`page N` starts where the core's pages of that size start", () => {
    expect([pageOf(0, 3), pageOf(2.5, 3), pageOf(Number.NaN, 3)]).toEqual([2, 4, 6]);
  });

  it("`previous` goes back one page of the size shown", () => {
    const p = paging();
    p.remember("a", library.current().answer("kvm", { offset: 4, pageSize: 0 }));
    const previous = { kind: "previous", bare: false, text: "previous" } as const;
    expect(offsetOf(p.pick("a", previous, { pageSize: 0 }))).toBe(3);
    expect(offsetOf(p.pick("a", previous, { pageSize: 0 }))).toBe(2);
  });
});
