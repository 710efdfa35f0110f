// The morning post during a watched conference (src/watch/morning.ts through the daily
// post): a room watching "vfio" during a two-day conference (invented talks in
// test/fixtures/morning) gets the day's matching talks on both days at its usual time and
// under its usual key, the talk of the day before and after; a room without watches gets
// the talk of the day throughout. Exact Slack and Matrix content of the list.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { createCore } from "../../src/core/answer.ts";
import { loadCatalog } from "../../src/core/catalog.ts";
import { renderMatrixWatchAlert } from "../../src/render/matrix/watch-alert.ts";
import { renderSlackWatchAlert } from "../../src/render/slack/watch-alert.ts";
import { watchedDay } from "../../src/watch/morning.ts";
import { openWatches } from "../../src/watch/watches.ts";
import { DAY_MS, dailyPostSuite, memoryStoreFor, tempDir } from "../support/totd-helpers.ts";

const ZONE = "Europe/Berlin";
const core = createCore({
  catalog: loadCatalog(undefined, [join(import.meta.dirname, "..", "fixtures", "morning")], {
    extraFiles: "throw",
  }),
  timeZone: ZONE,
});
const { start } = dailyPostSuite({ timeZone: ZONE });

const ROOM = "!room:example.org";
const DAY_ONE = ["edd-2026-vfio-user", "edd-2026-vfio-nics"].join(",");
const DAY_TWO = "edd-2026-iommufd";
const HEADING = (n: number) =>
  `Today at Example Device Days 2026: ${n} ${n === 1 ? "talk" : "talks"} for your watches`;

describe("watchedDay", () => {
  it("lists the day's matching talks in time order with their slot lines", () => {
    const day = watchedDay(core, ["vfio"], "2026-12-08");
    expect(day?.heading).toBe(HEADING(2));
    expect(day?.entries.map((e) => [e.card.title, e.note])).toEqual([
      ["vfio-user devices in another process", "Tue 09:30–10:00 · Room K.1"],
      ["Migrating VFIO NICs", "Tue 14:00–14:30 · Room K.1"],
    ]);
    expect(day?.more).toBe(0);
    expect(day?.query).toBe("schedule today vfio");
  });

  it("is null outside the conference, and when no watch matches that day's talks", () => {
    expect(watchedDay(core, ["vfio"], "2026-12-07")).toBeNull();
    expect(watchedDay(core, ["vfio"], "2026-12-10")).toBeNull();
    expect(watchedDay(core, ["virtio-net"], "2026-12-09")).toBeNull();
    expect(watchedDay(core, [], "2026-12-08")).toBeNull();
  });
});

/** A catalog folder with one invented conference day of `n` vfio talks, 09:00, 09:30, … */
function busyDay(n: number): string {
  const dir = join(tempDir(), "busy");
  mkdirSync(dir);
  const talks = Array.from({ length: n }, (_, i) => {
    const start = new Date(Date.parse("2026-12-08T08:00:00Z") + i * 30 * 60_000);
    return {
      id: `busy-${i + 1}`,
      title: `VFIO talk number ${i + 1}`,
      speakers: ["Ada Example"],
      date: "2026-12-08",
      summary: "An invented talk for the morning-post tests about vfio.",
      start: start.toISOString(),
      end: new Date(start.getTime() + 30 * 60_000).toISOString(),
      timeZone: ZONE,
      room: "Room A",
      topics: ["vfio"],
      links: [{ kind: "page", url: `https://example.org/busy/${i + 1}` }],
      source: {
        format: "frab-xml",
        origin: "https://example.org/busy/schedule.xml",
        key: `busy-${i + 1}`,
        importedAt: "2026-11-30T06:00:00Z",
      },
    };
  });
  const event = {
    id: "example-busy-day-2026",
    name: "Example Busy Day 2026",
    shortName: "EBD 2026",
    year: 2026,
    date: "2026-12-08",
    location: "Berlin",
  };
  writeFileSync(join(dir, "busy-2026.json"), JSON.stringify({ event, talks }));
  return dir;
}

describe("a busy day", () => {
  it("shows the first 10 talks in time order and counts the rest", () => {
    const busy = createCore({
      catalog: loadCatalog(undefined, [busyDay(13)], { extraFiles: "throw" }),
      timeZone: ZONE,
    });
    const day = watchedDay(busy, ["vfio"], "2026-12-08");
    expect(day?.heading).toBe("Today at Example Busy Day 2026: 13 talks for your watches");
    expect(day?.entries.map((e) => e.card.id)).toEqual(
      Array.from({ length: 10 }, (_, i) => `busy-${i + 1}`),
    );
    expect(day?.entries[9]?.note).toBe("Tue 13:30–14:00 · Room A");
    expect(day?.more).toBe(3);
  });
});

describe("the morning post of a room that watches a running conference", () => {
  it("gets the day's matching talks on both days, the talk of the day before and after; a room without watches always the talk of the day", async () => {
    vi.useFakeTimers({ now: new Date("2026-12-07T05:00:00Z") }); // 06:00 in Berlin
    const dir = tempDir();
    const watches = await openWatches(memoryStoreFor(join(dir, "watches")));
    for (const [platform, destination] of [
      ["slack", "C1"],
      ["matrix", ROOM],
    ] as const) {
      await watches.add(platform, destination, {
        query: "vfio",
        byUser: "U1",
        by: "someone",
        at: "2026-12-01T10:00:00Z",
      });
    }
    const h = start(dir, {
      core,
      slackChannels: ["C1", "C2"],
      morning: (platform, destination, date) => {
        const queries = watches.list(platform, destination).map((w) => w.query);
        return watchedDay(core, queries, date);
      },
    });
    await vi.advanceTimersByTimeAsync(3.5 * DAY_MS);

    const seen = (platform: "slack" | "matrix", destination: string) =>
      (platform === "slack" ? h.slack : h.matrix).posts
        .filter((p) => p.destination === destination)
        .map((p) => [p.key, p.at, p.alert ? p.talk : "totd"]);
    const days = ["2026-12-07", "2026-12-08", "2026-12-09", "2026-12-10"];
    const at = days.map((d) => `${d}T08:00:00.000Z`); // 09:00 in Berlin, once a day
    expect(seen("slack", "C1")).toEqual([
      ["totd:2026-12-07:slack:C1", at[0], "totd"],
      ["totd:2026-12-08:slack:C1", at[1], DAY_ONE],
      ["totd:2026-12-09:slack:C1", at[2], DAY_TWO],
      ["totd:2026-12-10:slack:C1", at[3], "totd"],
    ]);
    expect(seen("matrix", ROOM)).toEqual([
      [`totd:2026-12-07:matrix:${ROOM}`, at[0], "totd"],
      [`totd:2026-12-08:matrix:${ROOM}`, at[1], DAY_ONE],
      [`totd:2026-12-09:matrix:${ROOM}`, at[2], DAY_TWO],
      [`totd:2026-12-10:matrix:${ROOM}`, at[3], "totd"],
    ]);
    expect(seen("slack", "C2")).toEqual(days.map((d, i) => [`totd:${d}:slack:C2`, at[i], "totd"]));
    // One post per destination and day, nothing failed.
    expect(h.counts).toEqual({ "slack:sent": 8, "matrix:sent": 4 });

    // The exact messages of the second day, as each platform's port renders them.
    const slackList = h.slack.posts.find((p) => p.key === "totd:2026-12-09:slack:C1")?.alert;
    const matrixList = h.matrix.posts.find((p) => p.key.startsWith("totd:2026-12-09"))?.alert;
    expect(matrixList).toEqual(slackList);
    const heading = HEADING(1);
    expect(renderSlackWatchAlert(slackList!)).toEqual({
      text: `${heading}: IOMMUFD and the VFIO cdev — Quinn Example · Example Device Days 2026`,
      blocks: [
        { type: "header", text: { type: "plain_text", text: heading } },
        {
          type: "section",
          text: {
            type: "mrkdwn",
            text: "*<https://example.org/edd-2026/iommufd|IOMMUFD and the VFIO cdev>*\nQuinn Example · Example Device Days 2026\nAn invented talk for the morning-post tests: the new device interface.",
          },
        },
        { type: "context", elements: [{ type: "mrkdwn", text: "Wed 11:00–11:45 · Room K.2" }] },
        {
          type: "context",
          elements: [{ type: "mrkdwn", text: "Ask again any time: `/virt schedule today vfio`" }],
        },
      ],
    });
    expect(renderMatrixWatchAlert(matrixList!)).toEqual({
      msgtype: "m.notice",
      body: `${heading}\n\n1. IOMMUFD and the VFIO cdev — https://example.org/edd-2026/iommufd\nQuinn Example · Example Device Days 2026\nAn invented talk for the morning-post tests: the new device interface.\nTopics: vfio · iommu\nAlso: Event page https://example.org/edd-2026/\nWed 11:00–11:45 · Room K.2\n\nAsk again any time: !virt schedule today vfio`,
      format: "org.matrix.custom.html",
      formatted_body: `<p><strong>${heading}</strong></p><p><strong>1. <a href="https://example.org/edd-2026/iommufd">IOMMUFD and the VFIO cdev</a></strong><br><em>Quinn Example · Example Device Days 2026</em><br>An invented talk for the morning-post tests: the new device interface.<br><em>Topics: vfio · iommu</em><br>Also: <a href="https://example.org/edd-2026/">Event page</a></p><p><em>Wed 11:00–11:45 · Room K.2</em></p><p>Ask again any time: <code>!virt schedule today vfio</code></p>`,
      "m.mentions": {},
    });
  });
  it("a watched-day lookup that throws costs the room nothing: the talk of the day goes out", async () => {
    vi.useFakeTimers({ now: new Date("2026-12-08T05:00:00Z") });
    const h = start(tempDir(), {
      core,
      morning: () => {
        throw new Error("search index broken");
      },
    });
    await vi.advanceTimersByTimeAsync(DAY_MS / 2);
    expect(h.slack.posts.map((p) => [p.key, p.alert ? "list" : p.talk])).toEqual([
      ["totd:2026-12-08:slack:C1", core.today("2026-12-08").card.id],
    ]);
    expect(h.lines.filter((l) => l.msg === "cannot list the watched day")).toHaveLength(2);
  });
});
