// Matrix takeover for bench:replicas: the replica that syncs is SIGKILLed and a message is
// sent into the room at that moment; timed is the kill → the next answer's send reaching
// the fake homeserver. With three replicas on PostgreSQL a standby answers once the
// syncer's lease has run out; with one replica on the file store nobody does until it is
// started again, here at once (what a supervisor such as systemd's Restart= does at best).
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { txnIdFor } from "../../src/adapters/matrix/sender.ts";
import type { FakeHomeserver } from "../shared/fakes/homeserver.ts";
import type { Fleet, Replica } from "./fleet.ts";

const ALICE = "@alice:fake.test";
const ANSWER_TIMEOUT_MS = 60_000;

export interface Takeover {
  /** Kill → the first answer to a question asked since, in ms. */
  readonly ms: number;
  /** Questions asked (every PROBE_EVERY_MS from the kill until the first answer). */
  readonly asked: number;
  /** Of those, never answered (a restarted lone bot takes them for history). */
  readonly unanswered: number;
  /** Of those, answered more than once (send attempts of one reply). */
  readonly doubled: number;
}

/** How often a question is asked while nobody answers. */
const PROBE_EVERY_MS = 250;
let probes = 0;

async function syncerOf(fleet: Fleet): Promise<Replica> {
  for (let tries = 0; tries < 200; tries++) {
    for (const r of fleet.replicas) {
      const body = await fleet.health(r);
      // On the file store there is no lease: the one replica syncs.
      if (!body?.replica || body.replica.role === "syncer") return r;
    }
    await sleep(50);
  }
  throw new Error("no replica reports the syncer role");
}

const sendsOf = (hs: FakeHomeserver, txn: string) =>
  hs.sendAttempts.filter((a) => a.txnId === txn).length;

/**
 * One takeover: a warm-up question answered and its sync token stored; the syncer
 * SIGKILLed; from then on a question every PROBE_EVERY_MS until one is answered.
 * `restart`: a replacement on the dead one's STATE_DIR is started right after the kill
 * (one replica); otherwise one is started after the answer, so the next round has three.
 */
export async function measureTakeover(
  fleet: Fleet,
  hs: FakeHomeserver,
  room: string,
  restart: boolean,
): Promise<Takeover> {
  const warm = txnIdFor("reply", room, hs.message(room, ALICE, "!virt numa"));
  await hs.until(() => sendsOf(hs, warm) > 0, "the warm-up answer", ANSWER_TIMEOUT_MS);
  const position = hs.position;
  await hs.until(() => hs.lastSince !== null && hs.lastSince >= position, "synced past", 10_000);
  await sleep(1_500); // the sync token is written within a second
  const syncer = await syncerOf(fleet);
  const killedAt = performance.now();
  await fleet.kill(syncer);
  // A restart keeps the folder (the sync token, and the dead process's lock, seen stale).
  const replacement = restart ? fleet.add(syncer.stateDir) : null;
  replacement?.catch(() => {}); // awaited below, where a failed start is reported
  const txns: string[] = [];
  let ms: number | null = null;
  while (ms === null) {
    if (performance.now() - killedAt > ANSWER_TIMEOUT_MS)
      throw new Error(`no answer within ${ANSWER_TIMEOUT_MS / 1000} s of the kill`);
    // Each from a person of their own: the per-user rate limiter must not drop any.
    const sender = `@probe-${++probes}:fake.test`;
    txns.push(txnIdFor("reply", room, hs.message(room, sender, "!virt vhost")));
    const next = performance.now() + PROBE_EVERY_MS;
    while (ms === null && performance.now() < next) {
      if (txns.some((t) => sendsOf(hs, t) > 0)) ms = performance.now() - killedAt;
      else await sleep(10);
    }
  }
  await (replacement ?? fleet.add());
  await sleep(2_000); // late answers, and second sends of one, show by now
  return {
    ms,
    asked: txns.length,
    unanswered: txns.filter((t) => sendsOf(hs, t) === 0).length,
    doubled: txns.filter((t) => sendsOf(hs, t) > 1).length,
  };
}
