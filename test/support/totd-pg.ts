// The daily post on replicas sharing the real PostgreSQL (test/totd/replicas,
// record-lapsed, send-in-flight, subscription-replicas): the file's schema and the hooks
// that make and drop it, a store per replica, and a replica's daily post on it. Called
// inside describePg (test/support/postgres.ts), so a run without a server skips the file
// with the one line the probe prints.
import { afterAll, afterEach, beforeAll } from "vitest";
import { type Core, createCore } from "../../src/core/answer.ts";
import { loadCatalog } from "../../src/core/catalog.ts";
import type { ClaimedValues, ClaimOptions, ClaimStores } from "../../src/core/claims.ts";
import type { PostPlatform } from "../../src/core/platform.ts";
import type { Logger } from "../../src/log.ts";
import { createPgClaims } from "../../src/persist/claims.ts";
import { createPgStore, type PgStateStore } from "../../src/persist/pg-store.ts";
import { createDailyPost, type DailyPost } from "../../src/totd/daily-post.ts";
import type { ScheduledDestination } from "../../src/totd/subscription-schedule.ts";
import type { DailyPostOptions } from "../../src/totd/types.ts";
import { freshSchema, type TestSchema } from "./postgres.ts";
import { captureLogger, type LogLine } from "./totd-helpers.ts";

export const ZONE = "Europe/Berlin";
export const DAY = "2026-05-04";
/** 09:00 in Berlin that day. */
export const POST_TIME = Date.parse("2026-05-04T07:00:00Z");

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Until `condition` holds (checked every 10 ms; `timeoutMs` at most). */
export async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await sleep(10);
  }
}

/** The operator's destination `destination` on `platform`, posted at 09:00 in Berlin. */
export const operator =
  (platform: PostPlatform) =>
  (destination: string): ScheduledDestination => ({
    platform,
    destination,
    time: "09:00",
    timeZone: ZONE,
    source: "operator",
  });

/** Claims whose namespaces behave as `change` says where it says (a replica standing still). */
export function alteredClaims(
  change: (values: ClaimedValues<unknown>) => Partial<ClaimedValues<unknown>>,
): (claims: ClaimStores) => ClaimStores {
  return (claims) => ({
    async open<T>(ns: string, validate: (raw: unknown) => T | undefined, options?: ClaimOptions) {
      const values = await claims.open(ns, validate, options);
      return { ...values, ...change(values as ClaimedValues<unknown>) } as ClaimedValues<T>;
    },
  });
}

export interface ReplicaOptions {
  readonly ports: DailyPostOptions["ports"];
  readonly destinations: readonly ScheduledDestination[];
  /** The replica's clock. */
  readonly now: () => Date;
  readonly backoff?: { readonly initialMs: number; readonly maxMs: number };
  readonly ttlMs: number;
  /** How long it waits before it looks for a send it found in flight. */
  readonly sendSettleMs: number;
  /** The claims as the replica sees them (one standing still, one whose writes fail). */
  readonly claims?: (claims: ClaimStores) => ClaimStores;
  /** Told of every claim the replica takes (true) or finds taken (false). */
  readonly onClaim?: (won: boolean) => void;
}

export interface PgReplicas {
  /** The file's schema (made before its first test). */
  readonly schema: TestSchema;
  readonly core: Core;
  /** A store on the schema (a pool of 3), closed after the file. */
  store(logger: Logger): PgStateStore;
  /** A replica's daily post on a store of its own, its log lines in `lines`. */
  dailyPost(options: ReplicaOptions): { daily: DailyPost; lines: LogLine[] };
}

/**
 * The hooks of a file of replicas on a fresh schema `label`. `perTest`: after each test
 * its daily posts are told to stop without waiting (a replica whose send hangs, one that
 * "died", cannot be stopped, only dropped) and the schema's rows are deleted; otherwise
 * they are stopped, and waited for, after the file.
 */
export function pgReplicas(label: string, { perTest = false } = {}): PgReplicas {
  let schema: TestSchema | undefined;
  const stores: PgStateStore[] = [];
  const dailies: DailyPost[] = [];
  const core = createCore({ catalog: loadCatalog(), timeZone: ZONE });

  beforeAll(() => {
    schema = freshSchema(label);
  });
  if (perTest)
    afterEach(async () => {
      for (const daily of dailies.splice(0)) void daily.stop();
      await the()
        .query(`DELETE FROM "${the().name}".state_entries`)
        .catch(() => {});
      await the()
        .query(`DELETE FROM "${the().name}".leases`)
        .catch(() => {});
    });
  afterAll(async () => {
    await Promise.all(dailies.map((d) => d.stop()));
    await Promise.all(stores.map((s) => s.close()));
    await the().drop();
  });

  function the(): TestSchema {
    if (!schema) throw new Error("pgReplicas: the schema is made before the file's first test");
    return schema;
  }

  function store(logger: Logger): PgStateStore {
    const s = createPgStore({
      connectionString: the().url,
      schema: the().name,
      logger,
      poolMax: 3,
    });
    stores.push(s);
    return s;
  }

  return {
    get schema() {
      return the();
    },
    core,
    store,
    dailyPost(options) {
      const { logger, lines } = captureLogger();
      const state = store(logger);
      const claims = createPgClaims(state, logger);
      const daily = createDailyPost({
        ports: options.ports,
        destinations: options.destinations,
        core,
        state,
        logger,
        backoff: options.backoff ?? { initialMs: 50, maxMs: 200 },
        now: options.now,
        shared: {
          claims: options.claims ? options.claims(claims) : claims,
          options: {
            ttlMs: options.ttlMs,
            ...(options.onClaim ? { onClaim: options.onClaim } : {}),
          },
          sendSettleMs: options.sendSettleMs,
        },
      });
      dailies.push(daily);
      return { daily, lines };
    },
  };
}
