// Claims (src/core/claims.ts) on PostgreSQL: one row per claimed key in <schema>.leases,
// named "claim:<namespace>:<key>", with a holder and an epoch, measured on the database's
// clock like the replica leases (lease.ts). A claim is taken when the row is absent, lapsed,
// or left by this same process (one that lost the answer to its own claim after a
// connection died: nothing of its own can still be working under it, the caller
// serialises claims per key); every take moves the epoch on, so a write fenced by an
// older claim is refused. Writes go through the store's fenced namespaces (pg-store.ts:
// the fence is checked in the same statement, with the lease row locked against a takeover
// meanwhile).
import { AsyncLocalStorage } from "node:async_hooks";
import { performance } from "node:perf_hooks";
import {
  type Claim,
  type ClaimedValues,
  type ClaimOptions,
  type ClaimStores,
  DEFAULT_CLAIM_TTL_MS,
  processHolderId,
} from "../core/claims.ts";
import type { Logger } from "../log.ts";
import { pgErrorText } from "./pg-errors.ts";
import { DB_NOW, type Fence } from "./pg-sql.ts";
import type { PgStateStore } from "./pg-store.ts";

interface PgClaim extends Claim {
  readonly fence: Fence;
}

export function createPgClaims(
  store: PgStateStore,
  logger: Logger,
  /** Milliseconds on a clock that never jumps (tests pause it). */
  monotonic: () => number = () => performance.now(),
): ClaimStores {
  const holder = processHolderId();
  const table = `${store.schema}.leases`;
  return {
    async open<T>(
      namespace: string,
      validate: (raw: unknown) => T | undefined,
      options: ClaimOptions = {},
    ) {
      const ttlMs = options.ttlMs ?? DEFAULT_CLAIM_TTL_MS;
      // The fence of the write under way: pg-store asks for it when the write starts.
      const writing = new AsyncLocalStorage<Fence>();
      const kv = await store.openFenced(namespace, validate, () => {
        const fence = writing.getStore();
        if (!fence) throw new Error(`a write to "${namespace}" outside a claim`);
        return fence;
      });
      const leaseName = (key: string) => `claim:${namespace}:${key}`;
      /** The claim's fence, if it is a claim on `key` of this namespace. */
      const fenceOf = (claim: Claim, key: string): Fence => {
        const fence = (claim as Partial<PgClaim>).fence;
        if (!fence || fence.lease !== leaseName(key))
          throw new Error(`not a claim on "${key}" of "${namespace}"`);
        return fence;
      };
      const values: ClaimedValues<T> = {
        recovered: kv.recovered,
        read: (key) => kv.get(key),
        entries: () => kv.entries(),
        async claim(key) {
          const name = leaseName(key);
          const sentAt = monotonic();
          const r = await store.pool.query<{ epoch: string }>(
            `INSERT INTO ${table} AS l (name, holder, epoch, expires_at)
             VALUES ($1, $2, 1, ${DB_NOW} + $3::bigint)
             ON CONFLICT (name) DO UPDATE SET
               holder = EXCLUDED.holder, epoch = l.epoch + 1, expires_at = EXCLUDED.expires_at
             WHERE l.expires_at <= ${DB_NOW} OR l.holder = EXCLUDED.holder
             RETURNING epoch`,
            [name, holder, ttlMs],
          );
          const row = r.rows[0];
          options.onClaim?.(row !== undefined);
          if (!row) return null;
          // Our end of it, measured from before the statement was sent: never later than
          // the database's, so the database never sees us working past it.
          const until = sentAt + ttlMs;
          const claim: PgClaim = {
            fence: { lease: name, holder, epoch: Number(row.epoch) },
            held: (marginMs) => monotonic() + marginMs < until,
          };
          return claim;
        },
        write: async (claim, key, value) =>
          writing.run(fenceOf(claim, key), () => kv.put(key, value)),
        async release(claim) {
          const fence = (claim as Partial<PgClaim>).fence;
          if (!fence) return;
          const { lease, epoch } = fence;
          await store.pool
            .query(
              `UPDATE ${table} SET expires_at = ${DB_NOW}
               WHERE name = $1 AND holder = $2 AND epoch = $3`,
              [lease, holder, epoch],
            )
            .catch((err: unknown) =>
              logger.warn({ claim: lease, err: pgErrorText(err) }, "releasing a claim failed"),
            );
        },
      };
      return values;
    },
  };
}
