// Delivering planned alerts: a talk is never announced twice to the same room (claimed in
// the state store before the send, so restarts and replicas agree), and a watch speaks at
// most once an hour: what comes sooner waits in the store and goes out as one message when
// the hour is up. A crash between the claim and the send loses that alert rather than
// doubling it: a room prefers a missed notice to a repeated one. Claims the state store
// lost (a namespace recovered from a corrupt file or row, or gone) are rebuilt from the
// catalog by lost-claims.ts, for the same reason.
import { z } from "zod";
import type { KeyValue, StateStore } from "../core/state-store.ts";
import type { Logger } from "../log.ts";
import type { AlertItem, PlannedAlert } from "./plan.ts";
import type { WatchPlatform } from "./watches.ts";

export const ALERT_INTERVAL_MS = 60 * 60_000;
/** Claims are kept this long: a talk re-announced a year later is news again. */
const CLAIM_TTL_MS = 365 * 86_400_000;

/** Sends one alert message; throws when it could not (the items are offered again later). */
type SendAlert = (alert: PlannedAlert) => Promise<void>;

const ItemSchema = z.object({
  talk: z.string(),
  why: z.enum(["new", "changed", "video", "slides"]),
});
const ThrottleSchema = z.object({
  platform: z.enum(["slack", "matrix"]),
  destination: z.string(),
  watch: z.number().int().min(1),
  query: z.string(),
  lastSent: z.number(),
  pending: z.array(ItemSchema),
});
type Throttle = z.infer<typeof ThrottleSchema>;

const parse =
  <T>(schema: z.ZodType<T>) =>
  (raw: unknown): T | undefined => {
    const parsed = schema.safeParse(raw);
    return parsed.success ? parsed.data : undefined;
  };

/**
 * Kept in the claims namespace from its first opening on: a namespace without it, while
 * rooms watch, was emptied (deleted, or restored from before the watches) since.
 */
const KEPT_MARKER = "~claims-kept";

const claimKey = (p: WatchPlatform, dest: string, item: AlertItem) =>
  `${p}:${dest}:${item.talk}:${item.why === "video" || item.why === "slides" ? item.why : "talk"}`;
const throttleKey = (a: { platform: string; destination: string; query: string }) =>
  `${a.platform}:${a.destination}:${a.query.toLowerCase()}`;

interface AlertDelivery {
  /** Sends or queues each planned alert. */
  deliver(plans: readonly PlannedAlert[], now: number): Promise<void>;
  /** Sends what waited for its hour; returns when the next queued alert is due (or null). */
  flush(now: number): Promise<number | null>;
  /** Which rooms were told about which talks (updates go only there), for planAlerts. */
  told(): Promise<(platform: WatchPlatform, destination: string, talk: string) => boolean>;
  /**
   * "recovered": the store found the claims unreadable and started them empty; "absent":
   * they were never opened, or were emptied since; null: they were kept.
   */
  readonly claimsLost: "recovered" | "absent" | null;
  /** Counts these items as announced to these rooms, then marks the claims as kept. */
  adopt(
    told: ReadonlyArray<{ platform: WatchPlatform; destination: string; items: AlertItem[] }>,
  ): Promise<number>;
}

export async function openAlertDelivery(
  state: StateStore,
  send: SendAlert,
  logger: Logger,
): Promise<AlertDelivery> {
  const log = logger.child({ component: "watch-alerts" });
  const claims: KeyValue<true> = await state.open("watch-announced", (raw) =>
    raw === true ? true : undefined,
  );
  const throttles: KeyValue<Throttle> = await state.open("watch-throttle", parse(ThrottleSchema));
  let claimsLost: AlertDelivery["claimsLost"] = claims.recovered ? "recovered" : null;
  if (!claimsLost && !(await claims.get(KEPT_MARKER))) {
    // Claims without the marker predate it (an earlier build): kept, not lost.
    if ((await claims.entries()).length) await claims.put(KEPT_MARKER, true);
    else claimsLost = "absent";
  }

  async function fresh(alert: PlannedAlert): Promise<AlertItem[]> {
    const out: AlertItem[] = [];
    for (const item of alert.items)
      if (!(await claims.get(claimKey(alert.platform, alert.destination, item)))) out.push(item);
    return out;
  }

  async function sendNow(alert: PlannedAlert, items: readonly AlertItem[], now: number) {
    const won: AlertItem[] = [];
    for (const item of items) {
      const key = claimKey(alert.platform, alert.destination, item);
      if (await claims.putIfAbsent(key, true, { ttlMs: CLAIM_TTL_MS })) won.push(item);
    }
    const key = throttleKey(alert);
    const base = {
      platform: alert.platform,
      destination: alert.destination,
      watch: alert.watch,
      query: alert.query,
    };
    if (!won.length) {
      // Nothing left to say (another replica, or an earlier message, told it): the hour
      // is not spent.
      const throttle = await throttles.get(key);
      if (throttle) await throttles.put(key, { ...throttle, pending: [] });
      return;
    }
    try {
      await send({ ...alert, items: won });
    } catch (err) {
      log.warn({ err, destination: alert.destination, talks: won.length }, "watch alert not sent");
    }
    await throttles.put(key, { ...base, lastSent: now, pending: [] });
  }

  return {
    async deliver(plans, now) {
      for (const alert of plans) {
        const items = await fresh(alert);
        if (!items.length) continue;
        const throttle = await throttles.get(throttleKey(alert));
        if (throttle && now - throttle.lastSent < ALERT_INTERVAL_MS) {
          const seen = new Set(throttle.pending.map((i) => `${i.talk}:${i.why}`));
          const pending = [
            ...throttle.pending,
            ...items.filter((i) => !seen.has(`${i.talk}:${i.why}`)),
          ];
          await throttles.put(throttleKey(alert), { ...throttle, pending });
          continue;
        }
        await sendNow(alert, items, now);
      }
    },
    async flush(now) {
      let next: number | null = null;
      for (const [, throttle] of await throttles.entries()) {
        if (!throttle.pending.length) continue;
        const due = throttle.lastSent + ALERT_INTERVAL_MS;
        if (due > now) {
          next = next === null ? due : Math.min(next, due);
          continue;
        }
        const alert: PlannedAlert = { ...throttle, items: throttle.pending };
        await sendNow(alert, await fresh(alert), now);
      }
      return next;
    },
    claimsLost,
    async adopt(told) {
      let adopted = 0;
      for (const { platform, destination, items } of told)
        for (const item of items)
          if (
            await claims.putIfAbsent(claimKey(platform, destination, item), true, {
              ttlMs: CLAIM_TTL_MS,
            })
          )
            adopted++;
      // After the claims: a crash before this line adopts again (putIfAbsent), never less.
      await claims.put(KEPT_MARKER, true);
      return adopted;
    },
    async told() {
      const keys = new Set((await claims.entries()).map(([key]) => key));
      return (platform, destination, talk) => keys.has(`${platform}:${destination}:${talk}:talk`);
    },
  };
}
