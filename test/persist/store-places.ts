// Where a state store keeps its data, for the contract suite: a directory (file store), a
// shared Map (memory store) or a PostgreSQL schema. A place can be opened several times,
// each open being one "process" (a restart, or a second replica where the store is shared),
// and a value can be planted behind the stores' backs (what an older build left).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { StateStore, StoreKind } from "../../src/core/state-store.ts";
import { createLogger } from "../../src/log.ts";
import { createFileStore, namespaceFile } from "../../src/persist/file-store.ts";
import { createMemoryStore, type MemoryDisk } from "../../src/persist/memory-store.ts";
import { createPgStore, type PgStateStore } from "../../src/persist/pg-store.ts";
import { freshSchema } from "../support/postgres.ts";

export const silent = createLogger({ level: "silent", pretty: false });

export interface Place {
  /** One more process on this place; `now` moves its clock (expiry). */
  open(now?: () => number): StateStore;
  /** Writes a raw value as stored, while no process has the namespace open. */
  plant(namespace: string, key: string, raw: unknown): Promise<void>;
  /** Removes the place and everything opened on it. */
  close(): Promise<void>;
}

interface StoreKindFixture {
  readonly kind: StoreKind;
  /** Several processes see each other's writes (not the file store: one process a dir). */
  readonly shared: boolean;
  make(): Promise<Place>;
}

const filePlace = async (): Promise<Place> => {
  const dir = mkdtempSync(join(tmpdir(), "virt-talks-contract-"));
  return {
    open: (now) => createFileStore({ dir, logger: silent, ...(now ? { now } : {}) }),
    async plant(namespace, key, raw) {
      const file = namespaceFile(dir, namespace);
      let body = { version: 1, entries: {} as Record<string, unknown> };
      try {
        body = JSON.parse(readFileSync(file, "utf8"));
      } catch {
        // no file yet
      }
      body.entries[key] = { value: raw };
      writeFileSync(file, JSON.stringify(body));
    },
    async close() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

const memoryPlace = async (): Promise<Place> => {
  const disk: MemoryDisk = new Map();
  return {
    open: (now) => createMemoryStore({ disk, ...(now ? { now } : {}) }),
    async plant(namespace, key, raw) {
      const ns = disk.get(namespace) ?? new Map();
      disk.set(namespace, ns);
      ns.set(key, { value: raw });
    },
    async close() {},
  };
};

const pgPlace = async (): Promise<Place> => {
  const schema = freshSchema("contract");
  const opened: PgStateStore[] = [];
  return {
    open(now) {
      const store = createPgStore({
        connectionString: schema.url,
        schema: schema.name,
        logger: silent,
        poolMax: 2,
        ...(now ? { now } : {}),
      });
      opened.push(store);
      return store;
    },
    async plant(namespace, key, raw) {
      const store = createPgStore({
        connectionString: schema.url,
        schema: schema.name,
        logger: silent,
      });
      await store.ready();
      await store.close();
      await schema.query(
        `INSERT INTO "${schema.name}".state_entries (namespace, key, value) VALUES ($1, $2, $3::jsonb)`,
        [namespace, key, JSON.stringify(raw)],
      );
    },
    async close() {
      await Promise.all(opened.map((s) => s.close()));
      await schema.drop();
    },
  };
};

export const FIXTURES: readonly StoreKindFixture[] = [
  { kind: "file", shared: false, make: filePlace },
  { kind: "memory", shared: true, make: memoryPlace },
  { kind: "postgres", shared: true, make: pgPlace },
];
