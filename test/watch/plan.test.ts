// Watches: the store's limits, what a sync changed, and which room hears about which talk.
import { describe, expect, it } from "vitest";
import type { Link } from "../../src/core/talk.ts";
import { diffCatalogs } from "../../src/watch/changes.ts";
import { planAlerts } from "../../src/watch/plan.ts";
import { openWatches, type WatchRecord } from "../../src/watch/watches.ts";
import { talkWith } from "../support/talks.ts";
import { memoryStore, reopen } from "../support/totd-memory-store.ts";

const by = { byUser: "U1", by: "Ada", at: "2026-11-01T09:00:00Z" };
const video: Link = { kind: "video", url: "https://video.example.org/a.mp4" };

describe("the watch store", () => {
  it("numbers watches per room, refuses duplicates and the limits, and survives a restart", async () => {
    const disk = memoryStore();
    const watches = await openWatches(disk, { perDestination: 2, max: 3 });
    expect(await watches.add("slack", "C1", { ...by, query: "vfio" })).toEqual({
      kind: "added",
      number: 1,
    });
    expect(await watches.add("slack", "C1", { ...by, query: "VFIO" })).toEqual({
      kind: "duplicate",
      number: 1,
    });
    expect(await watches.add("slack", "C1", { ...by, query: "numa" })).toEqual({
      kind: "added",
      number: 2,
    });
    expect(await watches.add("slack", "C1", { ...by, query: "sev" })).toEqual({
      kind: "room-limit",
      max: 2,
    });
    expect(await watches.add("matrix", "!r:x", { ...by, query: "xen" })).toEqual({
      kind: "added",
      number: 1,
    });
    expect(await watches.add("matrix", "!q:x", { ...by, query: "xen" })).toEqual({
      kind: "limit",
      max: 3,
    });
    expect(await watches.remove("slack", "C1", 9)).toBeNull();
    expect((await watches.remove("slack", "C1", 1))?.query).toBe("vfio");
    const again = await openWatches(reopen(disk));
    expect(again.list("slack", "C1").map((w) => w.query)).toEqual(["numa"]);
    expect(again.list("matrix", "!r:x").map((w) => w.query)).toEqual(["xen"]);
  });

  it("concurrent adds cannot pass the maximum", async () => {
    const watches = await openWatches(memoryStore(), { max: 2 });
    const results = await Promise.all(
      ["a", "b", "c", "d"].map((q) => watches.add("matrix", "!r:x", { ...by, query: q })),
    );
    expect(results.map((r) => r.kind)).toEqual(["added", "added", "limit", "limit"]);
  });
});

describe("what a sync changed", () => {
  const before = [
    talkWith({ id: "a", title: "VFIO today" }),
    talkWith({ id: "b", title: "NUMA" }),
    talkWith({ id: "c", title: "Xen" }),
  ];
  it("tells new, materially changed and newly recorded talks apart", () => {
    const after = [
      talkWith({ id: "a", title: "VFIO today", summary: "reworded" }),
      talkWith({ id: "b", title: "NUMA balancing" }),
      talkWith({ id: "c", title: "Xen", links: [video] }),
      talkWith({ id: "d", title: "SEV-SNP" }),
    ];
    const change = diffCatalogs(before, after);
    expect(change.added).toEqual(["d"]);
    expect(change.changed).toEqual(["b"]);
    expect([...change.media]).toEqual([["c", ["video"]]]);
    expect(diffCatalogs(before, after, new Set(["d"])).changed).toEqual([]);
  });
});

describe("planning alerts", () => {
  const watches: WatchRecord[] = [
    {
      platform: "slack",
      destination: "C1",
      watches: [
        { ...by, query: "vfio" },
        { ...by, query: "devices" },
      ],
    },
    { platform: "matrix", destination: "!r:x", watches: [{ ...by, query: "xen" }] },
  ];
  const rank = (query: string) =>
    ({ vfio: ["v2", "v1", "old"], devices: ["v1", "d1"], xen: ["x1"] })[query] ?? [];

  it("one alert per watch with the talks its query accepts, each talk told once per room", () => {
    const change = {
      added: ["v1", "d1"],
      changed: ["v2"],
      media: new Map([["x1", ["video" as const]]]),
    };
    const told = new Set(["matrix|!r:x|x1"]);
    const plans = planAlerts(watches, change, rank, (p, d, t) => told.has(`${p}|${d}|${t}`));
    expect(plans).toEqual([
      {
        platform: "slack",
        destination: "C1",
        watch: 1,
        query: "vfio",
        items: [
          { talk: "v2", why: "changed" },
          { talk: "v1", why: "new" },
        ],
      },
      {
        platform: "slack",
        destination: "C1",
        watch: 2,
        query: "devices",
        items: [{ talk: "d1", why: "new" }],
      },
      {
        platform: "matrix",
        destination: "!r:x",
        watch: 1,
        query: "xen",
        items: [{ talk: "x1", why: "video" }],
      },
    ]);
  });

  it("a recording is news only to rooms that were told about the talk", () => {
    const change = { added: [], changed: [], media: new Map([["x1", ["video" as const]]]) };
    expect(planAlerts(watches, change, rank, () => false)).toEqual([]);
  });

  it("a watch whose query no longer parses is skipped", () => {
    const change = { added: ["x1"], changed: [], media: new Map() };
    expect(
      planAlerts(
        watches,
        change,
        () => null,
        () => false,
      ),
    ).toEqual([]);
  });
});
