// Failures and restarts: 429s, dropped connections, 5xx bursts, outages, hung syncs,
// restarts on the same state dir, invites, postCard idempotency.
import { copyFile } from "node:fs/promises";
import { afterEach, describe, expect, it } from "vitest";
import { withPostKey } from "../../../src/adapters/matrix/find-post.ts";
import { SYNC_NAMESPACE } from "../../../src/adapters/matrix/sync-state.ts";
import { toCard } from "../../../src/core/card.ts";
import { DeliveryError } from "../../../src/core/post-port.ts";
import { namespaceFile } from "../../../src/persist/file-store.ts";
import { matrixCardContent } from "../../../src/render/matrix/answer.ts";
import { alice, bob, FAST, Harness, realCore, replyTo } from "../../support/matrix-harness.ts";

let h: Harness;
afterEach(async () => {
  h.expectClean();
  await h.close();
});

const SEND = /\/send\/m\.room\.message\//;
const SYNC = /\/sync$/;

/** A homeserver's 429 answer (M_LIMIT_EXCEEDED), with extra body fields such as retry_after_ms. */
const limitExceeded = (extra: Record<string, unknown> = {}) => ({
  kind: "status" as const,
  status: 429,
  body: { errcode: "M_LIMIT_EXCEEDED", ...extra },
});

async function setup(options: Parameters<typeof Harness.create>[0] = {}) {
  h = await Harness.create(options);
  const room = h.hs.createRoom({ members: [alice, bob, carol] });
  await h.start();
  return room;
}

const carol = "@carol:fake.test";

/** Every question answered exactly once (in any order: a batch is answered concurrently). */
function expectAnsweredOnce(room: string, questions: readonly string[]) {
  expect(h.hs.sentTo(room).map(replyTo).sort()).toEqual([...questions].sort());
}

describe("sending", () => {
  it("waits as Retry-After says on a 429, then delivers exactly one reply", async () => {
    const room = await setup();
    h.hs.fault({
      method: "PUT",
      path: SEND,
      action: {
        kind: "status",
        status: 429,
        headers: { "Retry-After": "1" },
        body: { errcode: "M_LIMIT_EXCEEDED", error: "Too many requests" },
      },
    });
    const q = h.hs.message(room, alice, "!virt numa");
    await h.hs.until(() => h.hs.sent.length === 1, "the reply");
    await h.synced();
    expectAnsweredOnce(room, [q]);
    const attempts = h.hs.sendAttempts.filter((a) => a.roomId === room);
    expect(attempts).toHaveLength(2);
    expect(attempts[0]!.txnId).toBe(attempts[1]!.txnId);
    const warn = h.logEntries().find((e) => e.msg === "matrix send rate-limited; retrying");
    expect(warn).toMatchObject({ waitMs: 1_000, status: 429, errcode: "M_LIMIT_EXCEEDED" });
  });

  it("honours the older retry_after_ms body field, capped", async () => {
    const room = await setup({ adapter: { send: { ...FAST.send, maxWaitMs: 1_000 } } });
    h.hs.fault({
      method: "PUT",
      path: SEND,
      times: 2,
      action: limitExceeded({ retry_after_ms: 250 }),
    });
    h.hs.fault({
      method: "PUT",
      path: SEND,
      action: limitExceeded({ retry_after_ms: 3_600_000 }),
    });
    const q = h.hs.message(room, alice, "!virt numa");
    await h.hs.until(() => h.hs.sent.length === 1, "the reply", 8_000);
    expectAnsweredOnce(room, [q]);
    const waits = h
      .logEntries()
      .filter((e) => e.msg === "matrix send rate-limited; retrying")
      .map((e) => e.waitMs);
    expect(waits).toEqual([250, 250, 1_000]); // the hour is capped at maxWaitMs
  });

  it("retries a send whose response was lost; the homeserver keeps one message", async () => {
    const room = await setup();
    h.hs.fault({ method: "PUT", path: SEND, action: { kind: "drop-response" } });
    h.hs.fault({
      method: "PUT",
      path: SEND,
      times: 2,
      action: { kind: "status", status: 502, body: "Bad Gateway" },
    });
    const q = h.hs.message(room, alice, "!virt numa");
    await h.hs.until(() => h.hs.sendAttempts.length === 4, "four attempts");
    await h.synced();
    expectAnsweredOnce(room, [q]);
    expect(new Set(h.hs.sendAttempts.map((a) => a.txnId)).size).toBe(1);
    expect(h.observed).toMatchObject([{ outcome: "ok" }]);
  });

  it("gives up after bounded attempts, logs it, and answers the next message", async () => {
    const room = await setup();
    h.hs.fault({ method: "PUT", path: SEND, times: 6, action: { kind: "status", status: 500 } });
    h.hs.message(room, alice, "!virt numa");
    await h.hs.until(() => h.observed.length === 1, "the failure");
    const next = h.hs.message(room, bob, "!virt vfio");
    await h.hs.until(() => h.observed.length === 2, "the next reply");
    expectAnsweredOnce(room, [next]);
    expect(h.hs.sendAttempts).toHaveLength(7);
    expect(h.logText()).toContain("send failed after 6 attempts");
    expect(h.observed.map((o) => o.outcome)).toEqual(["error", "ok"]);
  });

  it("answers a batch concurrently: one slow send holds up no other answer", async () => {
    const room = await setup({ adapter: { send: { ...FAST.send, requestTimeoutMs: 300 } } });
    h.hs.fault({ method: "PUT", path: SEND, times: 1, action: { kind: "hang" } });
    const first = h.hs.message(room, alice, "!virt numa");
    const others = [h.hs.message(room, bob, "!virt vfio"), h.hs.message(room, carol, "!virt xen")];
    // Both other answers arrive while the first send still hangs (until its timeout).
    await h.hs.until(() => h.hs.sent.length === 2, "the other two answers");
    expect(h.hs.sent.map(replyTo).sort()).toEqual([...others].sort());
    await h.hs.until(() => h.hs.sent.length === 3, "the first answer, after its retry");
    await h.synced();
    expectAnsweredOnce(room, [first, ...others]);
  });

  it("rides out a storm of 429 M_LIMIT_EXCEEDED on sends and syncs: each question answered once", async () => {
    const room = await setup();
    const limited = (retryAfterMs: number) =>
      limitExceeded({ error: "Too many requests", retry_after_ms: retryAfterMs });
    h.hs.fault({ method: "PUT", path: SEND, times: 40, action: limited(20) });
    h.hs.fault({ method: "GET", path: SYNC, times: 3, action: limited(20) });
    const users = [alice, bob, carol];
    const questions = Array.from({ length: 12 }, (_, i) =>
      h.hs.message(room, users[i % 3]!, `!virt ${["numa", "vfio", "xen", "migration"][i % 4]}`),
    );
    // 40 refused sends retried with backoff: generous limits for a loaded 2-core machine
    // (the wait ends as soon as the twelfth answer is there).
    await h.hs.until(() => h.hs.sent.length === 12, "all twelve answers", 45_000);
    await h.synced();
    expectAnsweredOnce(room, questions);
    // Every retry reused its answer's transaction id: 12 distinct ids over all attempts.
    expect(new Set(h.hs.sendAttempts.map((a) => a.txnId)).size).toBe(12);
    expect(h.hs.sendAttempts.length).toBe(12 + 40);
    expect(h.observed.map((o) => o.outcome)).toEqual(Array(12).fill("ok"));
  }, 60_000);

  it("does not retry a send the homeserver refuses (403)", async () => {
    const room = await setup();
    h.hs.fault({
      method: "PUT",
      path: SEND,
      action: { kind: "status", status: 403, body: { errcode: "M_FORBIDDEN", error: "nope" } },
    });
    h.hs.message(room, alice, "!virt numa");
    await h.hs.until(() => h.observed.length === 1, "the failure");
    expect(h.hs.sendAttempts).toHaveLength(1);
    expect(h.observed[0]).toMatchObject({ command: "error", outcome: "error" });
  });
});

describe("homeserver trouble", () => {
  it("rides out a burst of sync 500s: degraded, down, then up, answering once", async () => {
    const room = await setup();
    h.hs.fault({ method: "GET", path: SYNC, times: 4, action: { kind: "status", status: 500 } });
    const q = h.hs.message(room, alice, "!virt numa");
    await h.hs.until(() => h.hs.sent.length === 1, "the reply after the burst");
    await h.synced();
    expectAnsweredOnce(room, [q]);
    // healthSeen is sampled every 5 ms; on a loaded machine the last sample can still be
    // "down" when the reply lands, so wait (bounded) for the sampler to see "up".
    await h.hs.until(() => h.healthSeen.at(-1) === "up", "health back up");
    expect(h.healthSeen).toEqual(expect.arrayContaining(["up", "degraded", "down"]));
    expect(h.logText()).toContain("matrix sync recovered");
  });

  it.each(["reset", "502"] as const)(
    "survives an outage (%s) and answers what was asked during it exactly once",
    async (mode) => {
      const room = await setup();
      const before = h.hs.message(room, alice, "!virt numa");
      await h.hs.until(() => h.hs.sent.length === 1, "the first reply");
      h.hs.down(mode);
      const during = [
        h.hs.message(room, alice, "!virt vfio"),
        h.hs.message(room, bob, "virt-talks: xen"),
      ];
      await h.hs.until(() => h.adapter.health().state === "down", "health down");
      expect(h.adapter.health().detail).toMatch(/sync failing/);
      h.hs.up();
      await h.hs.until(
        () => h.hs.sent.length === 3,
        "answers to the questions asked during the outage",
      );
      await h.synced();
      expectAnsweredOnce(room, [before, ...during]);
      expect(h.adapter.health().state).toBe("up");
    },
  );

  it("gives up on a hung sync after its timeout and carries on", async () => {
    const room = await setup();
    h.hs.fault({ method: "GET", path: SYNC, action: { kind: "hang" } });
    await h.hs.until(() => h.adapter.health().state === "degraded", "the hung sync to time out");
    const q = h.hs.message(room, alice, "!virt numa");
    await h.hs.until(() => h.hs.sent.length === 1, "the reply");
    expectAnsweredOnce(room, [q]);
    expect(h.adapter.health().state).toBe("up");
  });

  it("starts while the homeserver is down and comes up when it is back", async () => {
    h = await Harness.create();
    const room = h.hs.createRoom({ members: [alice] });
    h.hs.down();
    await h.adapter.start(); // resolves: retrying in the background
    expect(h.adapter.health().state).toBe("down");
    h.hs.up();
    await h.hs.until(() => h.adapter.health().state === "up", "start-up to succeed");
    const q = h.hs.message(room, alice, "!virt numa");
    await h.hs.until(() => h.hs.sent.length === 1, "the reply");
    expectAnsweredOnce(room, [q]);
  });

  it("refuses to start with a rejected access token, without logging it", async () => {
    h = await Harness.create({ config: { accessToken: "syt_wrong_token_value_123456" } });
    await expect(h.adapter.start()).rejects.toThrow(/MATRIX_ACCESS_TOKEN/);
    expect(h.adapter.health().state).toBe("down");
  });
});

describe("restarts", () => {
  it("picks up where it left off: nothing old is answered, nothing twice", async () => {
    const room = await setup();
    const a = h.hs.message(room, alice, "!virt numa");
    await h.hs.until(() => h.hs.sent.length === 1, "the first reply");
    await h.synced();
    await h.adapter.stop();
    expect(await h.storedToken()).toMatch(/^s\d+$/);

    // Asked while the bot was down: before its next start, so not answered.
    h.hs.message(room, bob, "!virt vfio", { ts: Date.now() - 60_000 });
    h.adapter = h.newAdapter();
    await h.start();
    expect(h.hs.lastSince).not.toBeNull(); // resumed from the stored token, no initial sync
    const d = h.hs.message(room, alice, "!virt xen");
    await h.hs.until(() => h.hs.sent.length === 2, "the reply after the restart");
    await h.synced();
    expectAnsweredOnce(room, [a, d]);
  });

  it("a crash between answering and saving the token replays the batch, whose reply to the question stops a second send", async () => {
    const room = await setup();
    await h.committed();
    const file = namespaceFile(h.stateDir, SYNC_NAMESPACE);
    await copyFile(file, `${file}.before`);
    const q = h.hs.message(room, alice, "!virt numa");
    await h.hs.until(() => h.hs.sent.length === 1, "the reply");
    await h.adapter.stop();
    // As if the process died after sending but before the new token reached the disk.
    await copyFile(`${file}.before`, file);
    h.adapter = h.newAdapter({ startGraceMs: 3_600_000 }); // so the replayed question counts as new
    await h.start();
    await h.synced();
    expectAnsweredOnce(room, [q]);
    // The replayed batch holds our reply to q (replied.ts): q is not answered again, so
    // nothing leans on the homeserver's txnId dedupe.
    expect(h.hs.sendAttempts).toHaveLength(1);
  });

  it("an answer held back by the syncer lease check is not lost: its batch is synced again, not committed", async () => {
    // A replica whose lease renewal is late (a loaded machine) refuses its own sends until
    // the lease is confirmed again; committing that batch would drop the question.
    const lease = { inDoubt: false, refused: 0 };
    const room = await setup({
      adapter: {
        assertSyncer: () => {
          if (!lease.inDoubt) return;
          lease.refused++;
          throw new Error("lease in doubt");
        },
      },
    });
    await h.synced();
    lease.inDoubt = true;
    const q = h.hs.message(room, alice, "!virt numa");
    await h.hs.until(() => lease.refused >= 1, "a send refused by the lease check");
    await new Promise((r) => setTimeout(r, 50));
    expect(h.hs.sent).toEqual([]);
    lease.inDoubt = false; // renewed: the same batch comes again and is answered
    await h.hs.until(() => h.hs.sent.length === 1, "the answer once the lease holds");
    await h.synced();
    expectAnsweredOnce(room, [q]);
    expect(h.logText()).toContain("matrix answer held back: the syncer lease is in doubt");
    expect(h.logText()).not.toContain("matrix answer failed");
  });

  it("stop() lets an answer in flight finish", async () => {
    const room = await setup();
    h.hs.fault({
      method: "PUT",
      path: SEND,
      action: limitExceeded({ retry_after_ms: 300 }),
    });
    const q = h.hs.message(room, alice, "!virt numa");
    await h.hs.until(() => h.hs.sendAttempts.length === 1, "the first attempt");
    await h.adapter.stop();
    expectAnsweredOnce(room, [q]);
  });
  it("stop() cuts off an answer stuck past its patience, leaving it to the next start", async () => {
    // No request timeout of its own: only stop()'s patience can end the stuck send.
    const room = await setup({ adapter: { send: { ...FAST.send, requestTimeoutMs: 600_000 } } });
    await h.synced();
    h.hs.fault({ method: "PUT", path: SEND, action: { kind: "hang" } });
    const q = h.hs.message(room, alice, "!virt numa");
    const asked = h.hs.position;
    await h.hs.until(() => h.hs.sendAttempts.length === 1, "the stuck attempt");
    const [stuck] = h.hs.requests.filter((r) => r.method === "PUT" && SEND.test(r.path));
    await h.adapter.stop();
    // stop() returned because it cut the send off, not because it gave up waiting for it.
    await h.hs.until(() => stuck!.status === "closed", "the stuck send cut off");
    expect(h.hs.sendAttempts).toHaveLength(1);
    expect(h.hs.sent).toEqual([]);
    // The stored position (the fake's tokens are s<position>) is still before the question.
    expect(Number((await h.storedToken())?.slice(1) ?? 0)).toBeLessThan(asked);
    // The batch was not committed: the next start sees the question again and answers it.
    h.adapter = h.newAdapter({ startGraceMs: 3_600_000 });
    await h.start();
    await h.hs.until(() => h.hs.sent.length === 1, "the answer after the restart");
    expectAnsweredOnce(room, [q]);
  });
});

describe("invites", () => {
  it("joins invites from allowed servers and declines the rest", async () => {
    h = await Harness.create({ config: { allowedServers: ["fake.test"] } });
    await h.start();
    h.hs.invite("!ok:fake.test", "@carol:fake.test");
    h.hs.invite("!bad:fake.test", "@mallory:evil.org");
    await h.hs.until(
      () =>
        h.hs.membership("!ok:fake.test") === "join" &&
        h.hs.membership("!bad:fake.test") === "leave",
      "join and decline",
    );
    const declined = h.logEntries().find((e) => e.msg === "matrix invite declined");
    expect(declined).toMatchObject({
      roomId: "!bad:fake.test",
      inviter: "@mallory:evil.org",
      level: 40,
    });
    // The joined room is answered in.
    const q = h.hs.message("!ok:fake.test", "@carol:fake.test", "!virt numa");
    await h.hs.until(() => h.hs.sent.length === 1, "a reply in the joined room");
    expect(replyTo(h.hs.sent[0])).toBe(q);
  });

  it("joins an allowed room (by alias) whoever invites, and retries a failing join", async () => {
    h = await Harness.create({
      config: { allowedServers: ["fake.test"], allowedRooms: ["#virt:elsewhere.org"] },
    });
    h.hs.createRoom({
      id: "!virt:elsewhere.org",
      alias: "#virt:elsewhere.org",
      members: ["@dave:elsewhere.org"],
      botJoined: false,
    });
    await h.start();
    h.hs.fault({
      method: "POST",
      path: /\/join\//,
      times: 2,
      action: { kind: "status", status: 502, body: "Bad Gateway" },
    });
    h.hs.invite("!virt:elsewhere.org", "@dave:elsewhere.org");
    h.hs.invite("!other:elsewhere.org", "@dave:elsewhere.org");
    await h.hs.until(
      () =>
        h.hs.membership("!virt:elsewhere.org") === "join" &&
        h.hs.membership("!other:elsewhere.org") === "leave",
      "join the allowed room, decline the other",
    );
  });

  it("logs that a joined room is encrypted", async () => {
    h = await Harness.create();
    await h.start();
    h.hs.createRoom({
      id: "!secret:fake.test",
      members: [alice],
      botJoined: false,
      encrypted: true,
    });
    h.hs.invite("!secret:fake.test", alice);
    await h.hs.until(() => h.hs.membership("!secret:fake.test") === "join", "join");
    await h.hs.until(() => h.logText().includes("end-to-end encrypted"), "the warning");
  });
});

describe("postCard", () => {
  it("posts one notice per idempotency key, even when re-posted after a lost response", async () => {
    const room = await setup();
    const card = toCard(realCore().catalog.talks[0]!, "Talk of the day · 2026-11-22");
    h.hs.fault({ method: "PUT", path: SEND, action: { kind: "drop-response" } });
    await h.adapter.post.postCard(room, card, "totd:2026-11-22:room");
    await h.adapter.post.postCard(room, card, "totd:2026-11-22:room"); // the caller retries after a crash
    expect(h.hs.sentTo(room)).toHaveLength(1);
    expect(h.hs.sendAttempts).toHaveLength(3);
    expect(h.hs.sent[0]!.content).toEqual(
      withPostKey(matrixCardContent(card), "totd:2026-11-22:room"),
    ); // not a reply, no m.relates_to
    await h.adapter.post.postCard(room, card, "totd:2026-11-23:room");
    expect(h.hs.sentTo(room)).toHaveLength(2);
  });

  it("resolves aliases and throws after bounded retries", async () => {
    h = await Harness.create();
    const room = h.hs.createRoom({ alias: "#virt:fake.test", members: [alice] });
    await h.start();
    const card = toCard(realCore().catalog.talks[1]!);
    await h.adapter.post.postCard("#virt:fake.test", card, "k1");
    expect(h.hs.sentTo(room)).toHaveLength(1);
    h.hs.fault({ method: "PUT", path: SEND, times: 10, action: { kind: "status", status: 500 } });
    const failed = h.adapter.post.postCard(room, card, "k2");
    await expect(failed).rejects.toThrow(/after 6 attempts/);
    await expect(failed).rejects.toMatchObject({
      name: "DeliveryError",
      failure: { kind: "unknown" },
    });
    // 503 says the homeserver is away (a proxy answered): waited out past maxAttempts.
    h.hs.fault({ method: "PUT", path: SEND, times: 8, action: { kind: "status", status: 503 } });
    await h.adapter.post.postCard(room, card, "k2b");
    expect(h.hs.sentTo(room)).toHaveLength(2);
    await expect(h.adapter.post.postCard("not-a-room", card, "k3")).rejects.toThrow(
      /not a Matrix room/,
    );
    await expect(h.adapter.post.postCard("not-a-room", card, "k3")).rejects.toBeInstanceOf(
      DeliveryError,
    );
  });
});
