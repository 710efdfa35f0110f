// What each channel or room watches: `watch <query>` stores the query; when a sync adds or
// materially changes talks the query matches, the room is told (src/watch/alerts.ts). One
// record per destination in the state store ("watches"), numbered as `watches` lists them.
import { z } from "zod";
import type { KeyValue, StateStore } from "../core/state-store.ts";

const WATCHES_NAMESPACE = "watches";
const WATCH_LIMITS = Object.freeze({
  /** Watches one channel or room may hold. */
  perDestination: 10,
  /** Watches in all. */
  max: 5_000,
  /** A watch query is a search: the grammar's own limit applies too. */
  queryChars: 200,
});

const WatchSchema = z.object({
  query: z.string().min(1).max(WATCH_LIMITS.queryChars),
  byUser: z.string(),
  by: z.string(),
  /** ISO instant of the watch command. */
  at: z.string(),
});
export type Watch = z.infer<typeof WatchSchema>;

const RecordSchema = z.object({
  platform: z.enum(["slack", "matrix"]),
  destination: z.string().min(1),
  watches: z.array(WatchSchema).max(WATCH_LIMITS.perDestination),
});
export type WatchRecord = z.infer<typeof RecordSchema>;
export type WatchPlatform = WatchRecord["platform"];

export type AddResult =
  | { readonly kind: "added"; readonly number: number }
  | { readonly kind: "duplicate"; readonly number: number }
  | { readonly kind: "room-limit"; readonly max: number }
  | { readonly kind: "limit"; readonly max: number };

export interface Watches {
  list(platform: WatchPlatform, destination: string): readonly Watch[];
  add(platform: WatchPlatform, destination: string, watch: Watch): Promise<AddResult>;
  /** Removes watch number `n` (1-based, as listed); the removed watch, or null. */
  remove(platform: WatchPlatform, destination: string, n: number): Promise<Watch | null>;
  /** Every destination with its watches. */
  all(): readonly WatchRecord[];
}

const keyOf = (platform: WatchPlatform, destination: string) => `${platform}:${destination}`;

export async function openWatches(
  state: StateStore,
  limits: { readonly max?: number; readonly perDestination?: number } = {},
): Promise<Watches> {
  const max = limits.max ?? WATCH_LIMITS.max;
  const perDestination = limits.perDestination ?? WATCH_LIMITS.perDestination;
  const store: KeyValue<WatchRecord> = await state.open(WATCHES_NAMESPACE, (raw) => {
    const parsed = RecordSchema.safeParse(raw);
    return parsed.success ? parsed.data : undefined;
  });
  const records = new Map(await store.entries());
  const total = () => [...records.values()].reduce((n, r) => n + r.watches.length, 0);
  // Commands from one batch (a Matrix sync) run concurrently: one change at a time keeps
  // the count honest against the maximum.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  async function write(record: WatchRecord): Promise<void> {
    const key = keyOf(record.platform, record.destination);
    if (record.watches.length === 0) {
      await store.delete(key);
      records.delete(key);
    } else {
      await store.put(key, record);
      records.set(key, record);
    }
  }

  return {
    list: (platform, destination) => records.get(keyOf(platform, destination))?.watches ?? [],
    add: (platform, destination, watch) =>
      serial(async () => {
        const current = records.get(keyOf(platform, destination))?.watches ?? [];
        const same = current.findIndex((w) => w.query.toLowerCase() === watch.query.toLowerCase());
        if (same >= 0) return { kind: "duplicate", number: same + 1 };
        if (current.length >= perDestination) return { kind: "room-limit", max: perDestination };
        if (total() >= max) return { kind: "limit", max };
        await write({ platform, destination, watches: [...current, watch] });
        return { kind: "added", number: current.length + 1 };
      }),
    remove: (platform, destination, n) =>
      serial(async () => {
        const current = records.get(keyOf(platform, destination))?.watches ?? [];
        const gone = current[n - 1];
        if (!gone) return null;
        await write({ platform, destination, watches: current.filter((_, i) => i !== n - 1) });
        return gone;
      }),
    all: () => [...records.values()],
  };
}
