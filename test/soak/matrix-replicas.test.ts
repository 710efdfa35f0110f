// End to end: Matrix replicas as processes (`node dist/main.js`, as the README says to run
// them) on the real PostgreSQL and the fake homeserver. One syncs, the other stands by;
// the syncer SIGKILLed → the standby answers the next message; a syncer SIGSTOPped past
// its lease → another takes over, and the paused one sends nothing after SIGCONT. Each
// message is answered once (one send attempt per reply). Prints the takeover times.
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { FakeHomeserver } from "../../bench/shared/fakes/homeserver.ts";
import { txnIdFor } from "../../src/adapters/matrix/sender.ts";
import { describePg, freshSchema, type TestSchema } from "../support/postgres.ts";
import { replicaEnv } from "../support/replica-env.ts";
import { MATRIX_HARNESS_TOKEN as TOKEN } from "../support/secrets.ts";
import { removeTempDirs, tempDir } from "../support/totd-helpers.ts";
import { type BotProcess, killBot, spawnBot } from "../support/totd-spawn.ts";

const alice = "@alice:fake.test";
/** The goal for a takeover. */
const TAKEOVER_MS = 10_000;

describePg("Matrix replicas as processes", () => {
  let schema: TestSchema;
  let hs: FakeHomeserver;
  const bots: BotProcess[] = [];

  beforeAll(() => {
    schema = freshSchema("matrix_replicas");
  });
  afterEach(async () => {
    for (const b of bots.splice(0)) {
      if (b.child.signalCode === null && b.child.exitCode === null) b.child.kill("SIGCONT");
      killBot(b);
    }
    await hs.close();
    removeTempDirs();
  });
  afterAll(() => schema.drop());

  async function replica(): Promise<{ bot: BotProcess; port: number }> {
    const bot = spawnBot(
      { NODE_ENV: "production", LOG_LEVEL: "info", ...replicaEnv(schema, hs) },
      { cwd: tempDir() },
    );
    bots.push(bot);
    const started = await bot.waitForLog((l) => l.msg === "virt-talks started", 30_000);
    return { bot, port: started.port as number };
  }

  const replicaHealth = async (port: number) =>
    ((await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as { replica: unknown })
      .replica;
  const attempts = (room: string, eventId: string) =>
    hs.sendAttempts.filter((a) => a.txnId === txnIdFor("reply", room, eventId)).length;
  /** Asks, and resolves with the ms until the (one) answer arrived. */
  async function ask(room: string, text: string, patienceMs = 5_000) {
    const asked = Date.now();
    const eventId = hs.message(room, alice, text);
    await hs.until(() => attempts(room, eventId) > 0, `an answer to "${text}"`, patienceMs);
    return { eventId, ms: Date.now() - asked };
  }
  /** Until the sync token stored is past everything so far (no replay by the next syncer). */
  async function committed() {
    const position = hs.position;
    await hs.until(() => hs.lastSince !== null && hs.lastSince >= position, "synced past");
    await new Promise((r) => setTimeout(r, 1_500)); // the token is written within a second
  }

  it("the standby answers within 10 s after the syncer is SIGKILLed; a SIGSTOPped syncer sends nothing after it wakes", async () => {
    hs = await FakeHomeserver.start({ accessToken: TOKEN });
    const room = hs.createRoom({ members: [alice] });
    const a = await replica();
    await a.bot.waitForLog((l) => l.msg === "matrix: this replica is the syncer");
    const b = await replica();
    expect(await replicaHealth(a.port)).toEqual({
      database: "reachable",
      role: "syncer",
      epoch: 1,
    });
    expect(await replicaHealth(b.port)).toEqual({
      database: "reachable",
      role: "standby",
      epoch: null,
    });
    const first = await ask(room, "!virt numa");
    await committed();

    // 1. SIGKILL: the lease runs out (6 s), the standby takes over and answers.
    a.bot.child.kill("SIGKILL");
    const afterKill = await ask(room, "!virt vhost", TAKEOVER_MS);
    expect(await replicaHealth(b.port)).toMatchObject({ role: "syncer", epoch: 2 });

    // 2. SIGSTOP past the lease: a third replica takes over; the paused one, woken, sends nothing.
    const c = await replica();
    await committed();
    b.bot.child.kill("SIGSTOP");
    const afterStop = await ask(room, "!virt migration", TAKEOVER_MS);
    b.bot.child.kill("SIGCONT");
    await b.bot.waitForLog((l) => l.msg === "lease lost; standing by", 10_000);
    const late = await ask(room, "!virt iommu");
    expect(await replicaHealth(c.port)).toMatchObject({ role: "syncer", epoch: 3 });
    expect(await replicaHealth(b.port)).toMatchObject({ role: "standby" });

    for (const m of [first, afterKill, afterStop, late]) expect(attempts(room, m.eventId)).toBe(1);
    expect(hs.sendAttempts).toHaveLength(4);
    console.log(
      `matrix takeover: next answer ${(afterKill.ms / 1000).toFixed(1)} s after SIGKILL, ` +
        `${(afterStop.ms / 1000).toFixed(1)} s after SIGSTOP (lease 6 s, renewed every 2 s)`,
    );
  }, 120_000);
});
