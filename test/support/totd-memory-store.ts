// An in-memory StateStore for daily-post tests on a fake clock: the file store's writes
// finish on the real event loop, which a fake-timer test does not wait for. The "disk" is
// a Map that outlives the daily post using it, so a second "process" on the same store
// sees exactly what the first made durable. (The file store itself: test/persist.)
import type { KeyValue, StateStore, Validate } from "../../src/core/state-store.ts";
import { StateStoreError } from "../../src/core/state-store.ts";

export interface MemoryStore extends StateStore {
  /** Namespace → key → value, as "on disk". */
  readonly disk: Map<string, Map<string, unknown>>;
  /** While true, every put and delete rejects (a full or read-only disk). */
  failWrites: boolean;
  /** Namespaces the next open reports as recovered (and starts empty): a corrupt file. */
  readonly corrupt: Set<string>;
}

export function memoryStore(disk = new Map<string, Map<string, unknown>>()): MemoryStore {
  const store: MemoryStore = {
    disk,
    failWrites: false,
    corrupt: new Set(),
    async open<T>(name: string, validate: Validate<T>): Promise<KeyValue<T>> {
      const recovered = store.corrupt.delete(name);
      if (recovered) disk.set(name, new Map());
      const ns = disk.get(name) ?? new Map<string, unknown>();
      disk.set(name, ns);
      for (const [k, v] of ns) if (validate(v) === undefined) throw new Error(`invalid ${k}`);
      const write = async (apply: () => void) => {
        await Promise.resolve();
        if (store.failWrites) throw new StateStoreError(name, "disk full (test)");
        apply();
      };
      return {
        recovered,
        get: async (key) => ns.get(key) as T | undefined,
        put: (key, value) => write(() => ns.set(key, structuredClone(value))),
        async putIfAbsent(key, value) {
          if (ns.has(key)) return false;
          await write(() => ns.set(key, structuredClone(value)));
          return true;
        },
        delete: (key) => write(() => ns.delete(key)),
        entries: async () => [...ns].map(([k, v]) => [k, v as T] as const),
      };
    },
  };
  return store;
}

/** A second "process" on the same disk. */
export const reopen = (store: MemoryStore): MemoryStore => memoryStore(store.disk);
