// With replicas (DATABASE_URL) one replica syncs the schedule sources at a time: the holder
// of the "sources-sync" lease runs the syncer, the others stand by and take over when its
// lease is not renewed. The lease does not fence the files a sync writes: a replica that
// loses it mid-round finishes the source it is on, then stops (the syncer's stop()).
// A standby's /healthz lists the sources as the syncing replica last recorded them.
import type { Logger } from "../log.ts";
import { createLease } from "../persist/lease.ts";
import type { PgStateStore } from "../persist/pg-store.ts";
import type { SourceSyncer } from "../sources/syncer.ts";

const SOURCES_SYNC_LEASE = "sources-sync";
/**
 * A standby re-reads the shared source states when /healthz asks, at most this often: the
 * answer is what the last read found (a load balancer's polling keeps it fresh).
 */
const OBSERVE_EVERY_MS = 5_000;

/** The syncer, run only while this replica holds the lease; start() joins the race. */
export function syncWhileHolding(
  syncer: SourceSyncer,
  postgres: PgStateStore,
  logger: Logger,
): SourceSyncer {
  const log = logger.child({ component: "sources" });
  const lease = createLease({ store: postgres, name: SOURCES_SYNC_LEASE, logger });
  let syncing = false;
  // Role changes are applied in order: a stop waits for the round in flight.
  let applied: Promise<void> = Promise.resolve();
  const apply = (holder: boolean) => {
    applied = applied
      .then(async () => {
        if (holder === syncing) return; // a re-acquired lease (epoch + 1) is still ours
        syncing = holder;
        if (holder) await syncer.start();
        else await syncer.stop();
        log.info({ syncing: holder }, holder ? "syncing the sources" : "another replica syncs");
      })
      .catch((err: unknown) => log.error({ err }, "could not start or stop the sources' syncer"));
  };
  lease.onChange((role) => apply(role === "holder"));
  let observedAt = Number.NEGATIVE_INFINITY;
  const observe = () => {
    observedAt = Date.now();
    return syncer
      .observe()
      .catch((err: unknown) => log.warn({ err }, "could not read the sources' shared state"));
  };
  return {
    async start() {
      await observe();
      lease.start();
    },
    async stop() {
      await lease.stop();
      apply(false);
      await applied;
    },
    syncNow: (index) => syncer.syncNow(index),
    status: () => {
      if (!syncing && Date.now() - observedAt >= OBSERVE_EVERY_MS) void observe();
      const syncedBy = syncing ? "this replica" : "another replica";
      return syncer.status().map((s) => ({ ...s, syncedBy }));
    },
    observe: () => syncer.observe(),
  };
}
