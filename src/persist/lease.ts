// A lease in PostgreSQL with an epoch (a fencing token): one replica holds it (the Matrix
// syncer), the others stand by and take it over when it is not renewed. Advisory locks
// are not used: they belong to a session, which a transaction-pooling proxy (PgBouncer)
// hands to other clients. The lease is a row in <schema>.leases instead, measured on the
// database's clock so that replicas' clocks do not matter.
//
// Every change of holder increments the epoch, also when a holder re-acquires a lease it
// let lapse. Writes fenced by the lease (PgStateStore.openFenced) are checked against the
// epoch in the same statement; a send to a chat platform cannot be, so it asks
// assertHeld() right before, which is decided on this process's monotonic clock: a process
// woken from a SIGSTOP or a long GC pause finds its lease over before it asks the database.
// Defaults: a 6 s lease renewed every 2 s, standbys asking every second: a new holder
// within 7 s of the last renewal.

import { performance } from "node:perf_hooks";
import { processHolderId } from "../core/claims.ts";
import type { Logger } from "../log.ts";
import { pgErrorText } from "./pg-errors.ts";
import { DB_NOW, type Fence } from "./pg-sql.ts";
import { LeaseLostError } from "./pg-statement.ts";
import type { PgStateStore } from "./pg-store.ts";

export type LeaseRole = "holder" | "standby";

interface LeaseOptions {
  readonly store: PgStateStore;
  /** The lease's name, e.g. "matrix-sync". */
  readonly name: string;
  readonly logger: Logger;
  /** Unique per process; host:pid:random by default. */
  readonly holder?: string;
  readonly ttlMs?: number;
  readonly renewEveryMs?: number;
  readonly standbyPollMs?: number;
  /** Milliseconds on a clock that never jumps (performance.now), for assertHeld. */
  readonly monotonic?: () => number;
}

export interface Lease {
  readonly holder: string;
  role(): LeaseRole;
  /** The epoch while this process holds the lease, else null. */
  epoch(): number | null;
  /** One round: acquire (standby) or renew (holder). Resolves to whether it is held. */
  tick(): Promise<boolean>;
  /** Rounds on timers until stop(). */
  start(): void;
  /** Stops the rounds and gives the lease up, so a standby takes over at once. */
  stop(): Promise<void>;
  /** The epoch if held for at least `marginMs` more by our own clock; else LeaseLostError. */
  assertHeld(marginMs?: number): number;
  /** What fenced writes check (the epoch as of now; LeaseLostError when not held). */
  fence(): Fence;
  /** Called on every change of role or epoch; returns how to stop listening. */
  onChange(listener: (role: LeaseRole, epoch: number | null) => void): () => void;
}

export function createLease(options: LeaseOptions): Lease {
  const { store, name, logger } = options;
  const holder = options.holder ?? processHolderId();
  const ttlMs = options.ttlMs ?? 6_000;
  const renewEveryMs = options.renewEveryMs ?? Math.floor(ttlMs / 3);
  const standbyPollMs = options.standbyPollMs ?? 1_000;
  const monotonic = options.monotonic ?? (() => performance.now());
  const table = `${store.schema}.leases`;
  const log = logger.child({ lease: name, holder });
  const listeners = new Set<(role: LeaseRole, epoch: number | null) => void>();

  let epoch: number | null = null;
  /** Our own clock's end of the lease: measured from before the renewal was sent. */
  let heldUntil = 0;
  let timer: NodeJS.Timeout | undefined;
  let lapse: NodeJS.Timeout | undefined;
  let running = false;

  const set = (next: number | null) => {
    if (next === epoch) return;
    const was = epoch;
    epoch = next;
    if (next === null) log.warn({ epoch: was }, "lease lost; standing by");
    else log.info({ epoch: next }, was === null ? "lease acquired" : "lease re-acquired");
    for (const l of listeners) l(next === null ? "standby" : "holder", next);
  };

  async function tick(): Promise<boolean> {
    const sentAt = monotonic();
    try {
      // Renews our live lease (same epoch), or takes over an expired one (epoch + 1).
      const mine = `l.holder = EXCLUDED.holder AND l.epoch = $4::bigint AND l.expires_at > ${DB_NOW}`;
      const r = await store.pool.query<{ epoch: string }>(
        `INSERT INTO ${table} AS l (name, holder, epoch, expires_at)
         VALUES ($1, $2, 1, ${DB_NOW} + $3::bigint)
         ON CONFLICT (name) DO UPDATE SET
           holder = EXCLUDED.holder,
           epoch = CASE WHEN ${mine} THEN l.epoch ELSE l.epoch + 1 END,
           expires_at = EXCLUDED.expires_at
         WHERE (${mine}) OR l.expires_at <= ${DB_NOW}
         RETURNING epoch`,
        [name, holder, ttlMs, epoch],
      );
      const row = r.rows[0];
      if (row) {
        heldUntil = sentAt + ttlMs;
        // Lost at heldUntil unless renewed by then, even while a round hangs on the network.
        clearTimeout(lapse);
        lapse = setTimeout(() => monotonic() >= heldUntil && set(null), heldUntil - monotonic());
      }
      set(row ? Number(row.epoch) : null);
    } catch (err) {
      // The database is away: we hold it as long as our own clock says, no longer.
      log.warn({ err: pgErrorText(err) }, "lease round failed");
      if (epoch !== null && monotonic() >= heldUntil) set(null);
    }
    return epoch !== null;
  }

  const schedule = () => {
    if (!running) return;
    timer = setTimeout(
      () => void tick().finally(schedule),
      epoch === null ? standbyPollMs : renewEveryMs,
    );
  };

  const assertHeld = (marginMs = 0): number => {
    if (epoch === null || monotonic() + marginMs >= heldUntil)
      throw new LeaseLostError(`(lease ${name})`, { lease: name, holder, epoch: epoch ?? 0 });
    return epoch;
  };

  return {
    holder,
    role: () => (epoch === null ? "standby" : "holder"),
    epoch: () => epoch,
    tick,
    start() {
      if (running) return;
      running = true;
      void tick().finally(schedule);
    },
    async stop() {
      running = false;
      clearTimeout(timer);
      clearTimeout(lapse);
      const held = epoch;
      if (held === null) return;
      set(null);
      await store.pool
        .query(
          `UPDATE ${table} SET expires_at = ${DB_NOW} WHERE name = $1 AND holder = $2 AND epoch = $3`,
          [name, holder, held],
        )
        .catch((err: unknown) => log.warn({ err: pgErrorText(err) }, "lease release failed"));
    },
    assertHeld,
    fence: () => ({ lease: name, holder, epoch: assertHeld() }),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
