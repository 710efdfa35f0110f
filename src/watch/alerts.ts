// Delivering planned alerts: a talk is never announced twice to the same room (claimed in
// the state store before the send, so restarts and replicas agree), and a watch speaks at
// most once an hour: what comes sooner waits in the store and goes out as one message when
// the hour is up. A crash between the claim and the send loses that alert rather than
// doubling it: a room prefers a missed notice to a repeated one. A send the platform
// refused before taking it (a Matrix standby replica, a 429) gives its claims back and waits
// to be sent again, by whichever replica can. Claims the state store
// lost (a namespace recovered from a corrupt file or row, or gone) are rebuilt from the
// catalog by lost-claims.ts, for the same reason.
import { z } from "zod";
import { DeliveryError } from "../core/post-port.ts";
import type { KeyValue, StateStore } from "../core/state-store.ts";
import type { Logger } from "../log.ts";
import type { AlertItem, PlannedAlert } from "./plan.ts";
import type { WatchPlatform } from "./watches.ts";

export const ALERT_INTERVAL_MS = 60 * 60_000;
/** An alert the platform refused before taking it (not sent, rate-limited) is tried again. */
export const ALERT_RETRY_MS = 60_000;
/** ...this many times in all, then dropped with a warning. */
const ALERT_TRIES = 10;
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
  /** `pending` was refused before the platform took it: sent again from then on. */
  retryAt: z.number().optional(),
  /** Sends of `pending` the platform refused so far. */
  tries: z.number().int().min(0).optional(),
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
/** When a watch's held alerts may go out: after its hour, or at the retry. */
const dueAt = (t: Throttle) => t.retryAt ?? t.lastSent + ALERT_INTERVAL_MS;
/** `held` then `items`, each (talk, why) once. */
function mergeItems(held: readonly AlertItem[], items: readonly AlertItem[]): AlertItem[] {
  const seen = new Set(held.map((i) => `${i.talk}:${i.why}`));
  return [...held, ...items.filter((i) => !seen.has(`${i.talk}:${i.why}`))];
}
/** Whether a failed send may be repeated: the platform said no before taking it. */
const refusedBeforeTaken = (err: unknown) =>
  err instanceof DeliveryError &&
  (err.failure.kind === "not-sent" || err.failure.kind === "rate-limited");

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
      if (throttle) {
        const { retryAt: _retryAt, tries: _tries, ...kept } = throttle;
        await throttles.put(key, { ...kept, pending: [] });
      }
      return;
    }
    try {
      await send({ ...alert, items: won });
    } catch (err) {
      const before = await throttles.get(key);
      const tries = (before?.tries ?? 0) + 1;
      if (refusedBeforeTaken(err) && tries < ALERT_TRIES) {
        // Not taken (a Matrix standby replica, a 429): the claims go back and the items
        // wait, so this replica or the one that can post sends them. The hour is not spent.
        for (const item of won)
          await claims.delete(claimKey(alert.platform, alert.destination, item));
        const wait = Math.max(ALERT_RETRY_MS, (err as DeliveryError).retryAfterMs ?? 0);
        await throttles.put(key, {
          ...base,
          lastSent: before?.lastSent ?? 0,
          pending: mergeItems(won, before?.pending ?? []),
          retryAt: now + wait,
          tries,
        });
        log.info({ err, destination: alert.destination, talks: won.length }, "watch alert held");
        return;
      }
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
        // What waited goes out with what is new: sending only the new would drop it.
        const merged = mergeItems(throttle?.pending ?? [], items);
        if (throttle && dueAt(throttle) > now) {
          await throttles.put(throttleKey(alert), { ...throttle, pending: merged });
          continue;
        }
        await sendNow(alert, merged, now);
      }
    },
    async flush(now) {
      let next: number | null = null;
      for (const [, throttle] of await throttles.entries()) {
        if (!throttle.pending.length) continue;
        const due = dueAt(throttle);
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
