// Issue #20's "done when", end to end through the bot's own wiring (test/watch/sources-world.ts):
// a sources file pointing at a local schedule server, the real syncer, reload and watch
// alerts, the real Slack and Matrix adapters posting to their fakes. The schedule gains
// talks and a changed title (one alert per watching room on each platform), answers 304s
// to its ETag, fails in every way the issue lists (500, slow, oversized, truncated, empty,
// malformed) with the catalog served and on disk untouched, comes back, drops a talk; then
// `new`, `now`, `next` and `schedule` answer from what the sync brought.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Step } from "../../bench/shared/fakes/schedule-server.ts";
import type { Answer } from "../../src/core/answer.ts";
import { byline } from "../../src/core/card.ts";
import type { Library } from "../../src/core/library.ts";
import type { Reply } from "../../src/core/reply.ts";
import { snapshot } from "../support/import-helpers.ts";
import {
  CHANNEL,
  life,
  slackAlertText,
  startWorld,
  V1,
  V2,
  WATCHER,
  type World,
} from "../watch/sources-world.ts";

/** V2 without "Testing nested virtualization in CI": a talk removed from the schedule. */
const V3 = (() => {
  const doc = JSON.parse(V2);
  const day = doc.schedule.conference.days[1].rooms["Main Hall"] as { code: string }[];
  doc.schedule.conference.days[1].rooms["Main Hall"] = day.filter((e) => e.code !== "ZK9WQE");
  return JSON.stringify(doc);
})();
const GUEST_MEMFD =
  "kvm-forum-2026-4101-guest-memfd-and-huge-pages | guest_memfd and huge pages: where we are";
const POST_COPY =
  "kvm-forum-2026-4102-post-copy-migration-for-vfio-devices | Post-copy migration for VFIO devices";
const NESTED =
  "kvm-forum-2026-4103-testing-nested-virtualization-in-ci | Testing nested virtualization in CI";
const VIRTIO_GPU =
  "kvm-forum-2026-4104-virtio-gpu-native-contexts | virtio-gpu native contexts for Linux guests";
/** The same conference with every talk gone: an export that suddenly lists nothing. */
const EMPTY = (() => {
  const doc = JSON.parse(V1);
  for (const day of doc.schedule.conference.days) day.rooms = {};
  return JSON.stringify(doc);
})();

/** The talks as the week's answers list them: slot line, byline and title. */
const SLOT = {
  guestMemfd:
    "Thu 09:30–10:00 · Main Hall · Nadia Haddad · KVM Forum 2026 · Memory and CPU | guest_memfd and huge pages: where we are",
  postCopy:
    "Thu 10:15–10:45 · Main Hall · Oren Mizrahi, Chen Wei · KVM Forum 2026 · I/O and devices | Post-copy migration for VFIO devices, revisited",
  nested:
    "Fri 09:30–10:00 · Main Hall · Fatima Okafor · KVM Forum 2026 · Memory and CPU | Testing nested virtualization in CI",
  virtioGpu:
    "Fri 10:15–10:45 · Main Hall · Sven Aalto · KVM Forum 2026 · I/O and devices | virtio-gpu native contexts for Linux guests",
};

let world: World;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(() => world.close());

/** The imported talks the bot serves, as "id | title", in id order. */
const imported = (library: Library) =>
  library
    .current()
    .catalog.talks.filter((t) => t.source)
    .map((t) => `${t.id} | ${t.title}`)
    .sort();

/** Each card as "byline | title", or the note's line. */
function shown(answer: Answer | Reply): string[] | string {
  if (answer.kind === "note") return answer.message;
  if (answer.kind !== "results") return `unexpected ${answer.kind}`;
  return answer.hits.map((h) => `${byline(h.card)} | ${h.card.title}`);
}

describe("schedule sources, watches and the conference week, end to end", () => {
  it("follows the schedule, alerts once on each platform, survives every failure and answers", async () => {
    const { server, matrix } = world;
    const answerAt: { now: number | null } = { now: null };
    const bot = await life(world, {
      answerClock: () => new Date(answerAt.now ?? Date.now()),
      fetchLimits: { timeoutMs: 300, maxBytes: 200_000 },
    });
    const { library, sources } = bot;
    const catalogDir = `${world.dir}/catalog`;
    const room = world.room();

    // 1. The first sync imports the schedule.
    server.serve({ body: V1, etag: '"v1"' });
    expect((await sources.syncNow())[0]?.result.kind).toBe("changed");
    expect(imported(library)).toEqual([GUEST_MEMFD, POST_COPY, NESTED]);
    await bot.watches.add("slack", CHANNEL, { query: "virtio-gpu", ...WATCHER });
    await bot.watches.add("matrix", room, { query: "virtio-gpu", ...WATCHER });

    // 2. Unchanged: a 304 to the ETag, nothing reloaded.
    const v1Catalog = library.current().catalog;
    expect((await sources.syncNow())[0]?.result).toEqual({ kind: "unchanged" });
    expect(server.requests.at(-1)).toEqual({ ifNoneMatch: '"v1"', ifModifiedSince: null });
    expect(library.current().catalog).toBe(v1Catalog);

    // 3. A new talk and a changed title: the catalog follows, each watching room hears once.
    server.serve({ body: V2, etag: '"v2"' });
    expect((await sources.syncNow())[0]?.result).toMatchObject({ kind: "changed" });
    const v2 = [GUEST_MEMFD, `${POST_COPY}, revisited`, NESTED, VIRTIO_GPU];
    expect(imported(library)).toEqual(v2);
    await matrix.hs.until(() => matrix.hs.sent.length === 1, "the Matrix alert");
    expect(world.slackAlerts().map((c) => c.body.text)).toEqual([
      slackAlertText({ title: "virtio-gpu native contexts for Linux guests" }),
    ]);
    expect(matrix.hs.sent.map((m) => [m.roomId, String(m.content.body).split("\n")[0]])).toEqual([
      [room, "1 talk for your watch “virtio-gpu”"],
    ]);

    // 4. Every failure keeps the catalog: served (the same object) and on disk.
    const good = library.current().catalog;
    const onDisk = snapshot(catalogDir);
    const failures: [Step, string][] = [
      [{ status: 500 }, "the server answered HTTP 500"],
      [{ slow: V2, delayMs: 5_000 }, "no complete answer within 0.3 s"],
      [{ body: "x".repeat(300_000) }, "larger than 0 MB"],
      [{ truncated: V2 }, "the body broke off"],
      [{ body: EMPTY }, "nothing to import: the schedule lists no talks"],
      [{ body: "{ not json" }, "malformed JSON"],
    ];
    for (const [step, error] of failures) {
      server.serve(step);
      const [round] = await sources.syncNow();
      expect(round?.result.kind === "failed" && round.result.error).toContain(error);
      expect(library.current().catalog).toBe(good);
      expect(snapshot(catalogDir)).toEqual(onDisk);
      expect(imported(library)).toEqual(v2);
    }
    expect(sources.status()).toMatchObject([
      { state: "failing", failures: 6, lastError: expect.stringContaining("malformed JSON") },
    ]);
    expect(bot.lines.filter((l) => l.msg.startsWith("schedule source failing"))).toHaveLength(1);

    // 5. Back: the server answers the last good ETag with a 304; nothing to reload.
    server.serve({ body: V2, etag: '"v2"' });
    expect((await sources.syncNow())[0]?.result).toEqual({ kind: "unchanged" });
    // The last error stays on show, with its time, as history.
    expect(sources.status()).toMatchObject([
      { state: "ok", failures: 0, lastError: expect.stringContaining("malformed JSON") },
    ]);
    expect(library.current().catalog).toBe(good);

    // 6. A talk the schedule no longer lists is recorded as not listed by the sync and, by
    // `import`'s rule, kept in the catalog (only a cancelled one is removed); it alerts nobody.
    server.serve({ body: V3, etag: '"v3"' });
    expect((await sources.syncNow())[0]?.result).toMatchObject({
      kind: "changed",
      added: [],
      updated: [],
      cancelled: [],
      notListed: ["kvm-forum-2026-4103-testing-nested-virtualization-in-ci"],
    });
    expect(imported(library)).toEqual(v2);
    expect(world.slackAlerts()).toHaveLength(1);
    expect(matrix.hs.sent).toHaveLength(1);

    // 7. The conference week, from what the sync brought.
    const ask = (text: string) => shown(library.current().answer(text));
    // Synced today: new now (the first page of three; the fourth is on the next).
    expect(ask("new")).toEqual([SLOT.guestMemfd, SLOT.postCopy, SLOT.nested]);
    expect(library.current().answer("new")).toMatchObject({
      heading: "New in the last 7 days",
      total: 4,
    });
    answerAt.now = Date.parse("2026-09-03T09:20:00+02:00");
    expect(ask("now")).toBe(
      "Nothing is running now. Next: KVM Forum 2026, starting Thu 3 Sept 09:30 Europe/Prague.",
    );
    expect(ask("next")).toEqual([SLOT.guestMemfd, SLOT.postCopy]);
    answerAt.now = Date.parse("2026-09-03T09:40:00+02:00");
    expect(ask("now")).toEqual([SLOT.guestMemfd]);
    expect(ask("schedule")).toEqual([SLOT.guestMemfd, SLOT.postCopy]);
    expect(ask("schedule tomorrow")).toEqual([SLOT.nested, SLOT.virtioGpu]);
    expect(ask("schedule tomorrow virtio")).toEqual([SLOT.virtioGpu]);
    bot.alerts.stop();
  });
});
