// Picks the state store from the configuration: PostgreSQL for every namespace when
// DATABASE_URL is set (replicas share it), otherwise the file store in STATE_DIR, locked
// to this one process. The composition (src/app/start.ts) calls this once at start and
// close() at stop.
import { access, constants, stat } from "node:fs/promises";
import type { DatabaseConfig } from "../config.ts";
import { type Backoff, backoffDelay, sleep } from "../core/retry.ts";
import { type StateStore, StateStoreError, type StoreKind } from "../core/state-store.ts";
import type { Logger } from "../log.ts";
import { lockStateDir, StateDirInUseError } from "./dir-lock.ts";
import { createFileStore } from "./file-store.ts";
import { migrateStateV1 } from "./migrate-v1.ts";
import { describeDatabase } from "./pg-errors.ts";
import type { PgStateStore } from "./pg-store.ts";

interface OpenedStateStore {
  readonly store: StateStore;
  readonly kind: StoreKind;
  /** Where, for logs and /healthz: the directory, or host:port/database and schema. */
  readonly where: string;
  /** The PostgreSQL store (leases share its pool); null with the file store. */
  readonly postgres: PgStateStore | null;
  /** Whether the store answers now (for /healthz). */
  reachable(): Promise<boolean>;
  /** Ends the pool or releases STATE_DIR's lock. */
  close(): Promise<void>;
}

interface OpenStoreOptions {
  readonly stateDir: string;
  readonly database: DatabaseConfig | null;
  readonly logger: Logger;
  /** Waits between attempts to reach PostgreSQL at start. */
  readonly backoff?: Backoff;
  /** Stops waiting for PostgreSQL (shutdown during start); open then rejects. */
  readonly signal?: AbortSignal;
  /** Every failed database statement (the /metrics counter). */
  readonly onDatabaseError?: () => void;
  /** Each failed attempt to reach PostgreSQL at start: why, and when the next one is. */
  readonly onUnreachable?: (failure: { error: string; attempt: number; delayMs: number }) => void;
}

/** Where the PostgreSQL store is, for logs and /healthz: host:port/database and schema. */
export const databaseWhere = (database: DatabaseConfig): string =>
  `${describeDatabase(database.url)} schema ${database.schema}`;

const START_BACKOFF: Backoff = { initialMs: 500, maxMs: 15_000 };

/**
 * The file store: throws StateStoreError when another live process holds STATE_DIR.
 * PostgreSQL: waits (retrying with backoff, each failure logged) until the schema is
 * ready, because a replica must not answer without its state; rejects only on abort.
 */
export async function openStateStore(options: OpenStoreOptions): Promise<OpenedStateStore> {
  const { logger, database } = options;
  if (!database) return openFiles(options);
  // Loaded only with a database: the embedded default never loads `pg` (start-up, RSS).
  const { createPgStore } = await import("./pg-store.ts");
  const pg = createPgStore({
    connectionString: database.url,
    schema: database.schema,
    poolMax: database.poolMax,
    logger,
    ...(options.onDatabaseError ? { onDatabaseError: options.onDatabaseError } : {}),
  });
  const where = databaseWhere(database);
  for (let attempt = 0; ; attempt++) {
    try {
      await pg.ready();
      break;
    } catch (err) {
      if (options.signal?.aborted) {
        await pg.close();
        throw err;
      }
      const delayMs = backoffDelay(attempt, options.backoff ?? START_BACKOFF);
      const error = (err as Error).message;
      logger.error(
        { store: "postgres", database: where, err: error, attempt: attempt + 1, delayMs },
        "state store unreachable at start; not answering until it is",
      );
      options.onUnreachable?.({ error, attempt: attempt + 1, delayMs });
      await sleep(delayMs, options.signal);
    }
  }
  logger.info({ store: "postgres", database: where }, "state store: PostgreSQL");
  return {
    store: pg,
    kind: "postgres",
    where,
    postgres: pg,
    reachable: () => pg.ping(),
    close: () => pg.close(),
  };
}

async function openFiles(options: OpenStoreOptions): Promise<OpenedStateStore> {
  const { stateDir: dir, logger } = options;
  let release = () => {};
  try {
    release = lockStateDir(dir).release;
  } catch (err) {
    if (!(err instanceof StateStoreError) || err instanceof StateDirInUseError) throw err;
    // Unusable (a file, read-only, full): nothing can be written there by anyone, so
    // there is nothing to lock. Start anyway and answer what needs no state; every
    // namespace names the same problem when it is opened.
    logger.error({ store: "file", stateDir: dir, err: err.message }, "state store unusable");
  }
  // Under the lock, before any namespace opens: the previous release's files.
  await migrateStateV1(dir, logger);
  logger.info({ store: "file", stateDir: dir }, "state store: files");
  return {
    store: createFileStore({ dir, logger }),
    kind: "file",
    where: dir,
    postgres: null,
    reachable: async () => {
      try {
        await access(dir, constants.W_OK);
        return (await stat(dir)).isDirectory();
      } catch {
        return false;
      }
    },
    async close() {
      release();
    },
  };
}
