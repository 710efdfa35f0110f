// This process as one of several replicas sharing PostgreSQL (DATABASE_URL): the
// "matrix-sync" lease (only its holder syncs Matrix and sends there), the database's
// reachability as /healthz last saw it, and the counters /metrics shows. A lone process on
// the file store has none of this.
import type { ReplicaDeps } from "../core/adapter.ts";
import type { ClaimStores } from "../core/claims.ts";
import type { SingleHolder } from "../core/single-holder.ts";
import type { ReplicaStatus } from "../http/health.ts";
import type { ReplicaCounters } from "../http/replica-metrics.ts";
import type { Logger } from "../log.ts";
import { createPgClaims } from "../persist/claims.ts";
import { createLease, type Lease } from "../persist/lease.ts";
import type { PgStateStore } from "../persist/pg-store.ts";

const MATRIX_SYNC_LEASE = "matrix-sync";
/** How often /healthz's database reachability is refreshed (a ping on the pool). */
const PING_EVERY_MS = 5_000;

export interface Replica {
  readonly deps: ReplicaDeps;
  /** Claims on the shared store: the daily post's replicas take turns per destination. */
  readonly claims: ClaimStores;
  /** Counts the daily post's claims for /healthz and /metrics. */
  dailyPostClaim(won: boolean): void;
  status(): ReplicaStatus;
  /** Gives the lease up (a standby takes over at once); before the pool closes. */
  stop(): Promise<void>;
}

interface ReplicaOptions {
  readonly postgres: PgStateStore;
  /** Whether Matrix is configured: only then is there a lease to hold. */
  readonly matrix: boolean;
  readonly counters: ReplicaCounters;
  readonly logger: Logger;
  /** Lease timings (tests shorten them); the lease's defaults otherwise. */
  readonly lease?: Pick<
    Parameters<typeof createLease>[0],
    "ttlMs" | "renewEveryMs" | "standbyPollMs" | "monotonic"
  >;
}

export function startReplica(options: ReplicaOptions): Replica {
  const { postgres, counters, logger } = options;
  let reachable = true;
  const ping = setInterval(() => {
    void postgres.ping().then((ok) => {
      if (ok !== reachable) logger.warn({ reachable: ok }, "database reachability changed");
      reachable = ok;
    });
  }, PING_EVERY_MS);
  ping.unref();

  let lease: Lease | null = null;
  let matrixSync: SingleHolder | undefined;
  if (options.matrix) {
    const l = createLease({ store: postgres, name: MATRIX_SYNC_LEASE, logger, ...options.lease });
    l.onChange((role) => {
      if (role === "holder") counters.takeover();
    });
    matrixSync = {
      role: l.role,
      epoch: l.epoch,
      onChange: l.onChange,
      assertHeld: l.assertHeld,
      fencedStore: { open: (name, validate) => postgres.openFenced(name, validate, l.fence) },
    };
    l.start();
    lease = l;
  }

  const dailyPost = { won: 0, lost: 0 };
  return {
    claims: createPgClaims(postgres, logger),
    dailyPostClaim(won) {
      if (won) dailyPost.won++;
      else dailyPost.lost++;
      counters.dailyPostClaim(won);
    },
    deps: {
      onClaimOutcome: counters.claim,
      onAnswerWithdrawn: counters.answerWithdrawn,
      ...(matrixSync ? { matrixSync } : {}),
    },
    status: () => ({
      database: reachable ? "reachable" : "unreachable",
      // Once this replica took part in the daily post (absent with no destination).
      ...(dailyPost.won + dailyPost.lost > 0 ? { dailyPostClaims: { ...dailyPost } } : {}),
      ...(lease
        ? { role: lease.role() === "holder" ? "syncer" : "standby", epoch: lease.epoch() }
        : {}),
    }),
    async stop() {
      clearInterval(ping);
      await lease?.stop();
    },
  };
}
