// A state store held in memory: nothing survives the process. For tests on a fake clock
// and for a run that must not write anything. `disk` may be shared by several instances,
// which then behave like processes on one database: each sees what the others stored.
import type { KeyValue, PutOptions, StateStore, Validate } from "../core/state-store.ts";
import { checkNamespaceName } from "./namespace.ts";

interface Stored {
  readonly value: unknown;
  /** Milliseconds since the epoch; absent: kept until deleted. */
  readonly expiresAt?: number;
}

/** Namespace → key → entry. */
export type MemoryDisk = Map<string, Map<string, Stored>>;

interface MemoryStoreOptions {
  readonly disk?: MemoryDisk;
  /** Milliseconds since the epoch; the real clock unless a test moves it. */
  readonly now?: () => number;
}

export function createMemoryStore(options: MemoryStoreOptions = {}): StateStore {
  const disk: MemoryDisk = options.disk ?? new Map();
  const now = options.now ?? Date.now;
  return {
    async open<T>(name: string, validate: Validate<T>): Promise<KeyValue<T>> {
      checkNamespaceName(name, "memory");
      const ns = disk.get(name) ?? new Map<string, Stored>();
      disk.set(name, ns);
      // Like the file store: one value its validator refuses and the namespace starts empty.
      const recovered = [...ns.values()].some((e) => validate(e.value) === undefined);
      if (recovered) ns.clear();
      const live = (key: string): Stored | undefined => {
        const e = ns.get(key);
        if (e?.expiresAt !== undefined && e.expiresAt <= now()) {
          ns.delete(key);
          return undefined;
        }
        return e;
      };
      const entryOf = (value: T, opts?: PutOptions): Stored =>
        opts?.ttlMs === undefined
          ? { value: structuredClone(value) }
          : { value: structuredClone(value), expiresAt: now() + opts.ttlMs };
      const read = (e: Stored | undefined) =>
        e === undefined ? undefined : validate(structuredClone(e.value));
      return {
        recovered,
        get: async (key) => read(live(key)),
        async put(key, value, opts) {
          ns.set(key, entryOf(value, opts));
        },
        async putIfAbsent(key, value, opts) {
          if (live(key)) return false;
          ns.delete(key); // an expired key is stored again at the end, as a new one
          ns.set(key, entryOf(value, opts));
          return true;
        },
        async delete(key) {
          ns.delete(key);
        },
        async entries() {
          const out: Array<readonly [string, T]> = [];
          for (const key of [...ns.keys()]) {
            const value = read(live(key));
            if (value !== undefined) out.push([key, value]);
          }
          return out;
        },
      };
    },
  };
}
