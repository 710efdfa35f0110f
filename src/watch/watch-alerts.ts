// Watch alerts end to end: after a sync changed the catalog, what changed (changes.ts) is
// matched against every watch's query run as a question on the new catalog (the same
// engine, the same loose retry as an answer), planned (plan.ts), and delivered (alerts.ts)
// through the platforms' post ports. A timer sends what waited for its watch's hour, and
// a poll every minute sends what another replica left waiting (a Matrix alert only the
// replica holding the Matrix lease can post).
import type { Core } from "../core/answer.ts";
import { searchFound } from "../core/found.ts";
import { parseCoreCommand } from "../core/grammar.ts";
import type { PostPlatform } from "../core/platform.ts";
import type { PostPort } from "../core/post-port.ts";
import type { StateStore } from "../core/state-store.ts";
import type { Talk } from "../core/talk.ts";
import type { Logger } from "../log.ts";
import { alertMessage } from "./alert-message.ts";
import { ALERT_RETRY_MS, openAlertDelivery } from "./alerts.ts";
import { diffCatalogs } from "./changes.ts";
import { claimsToAdopt } from "./lost-claims.ts";
import { type PlannedAlert, planAlerts } from "./plan.ts";
import type { Watches } from "./watches.ts";

export interface WatchAlerts {
  /** After a reload that replaced the catalog: `before` is the old catalog's talks. */
  catalogChanged(before: readonly Talk[]): Promise<void>;
  /** Sends what is due now and sets the timer for the next; start-up calls it once. */
  flush(): Promise<void>;
  stop(): void;
}

interface WatchAlertOptions {
  readonly state: StateStore;
  readonly watches: Watches;
  /** The core in use now (the library's current one). */
  readonly core: () => Core;
  readonly ports: Partial<Record<PostPlatform, PostPort>>;
  readonly logger: Logger;
  readonly clock?: () => number;
  /**
   * The catalog before any change not yet alerted (a sync before the alerts opened): when
   * the claims were lost, its matching talks count as announced. Default: the current one.
   */
  readonly baseline?: readonly Talk[];
}

/** The ids a question accepts on `core`, best first (all, or `limit`); null when no search. */
export function acceptedIds(
  core: Core,
  query: string,
  limit = core.catalog.talks.length,
): string[] | null {
  const command = parseCoreCommand(query);
  if (command.kind !== "search") return null;
  return searchFound(core.engine, command.request, limit).hits.map((h) => h.talk.id);
}

export async function openWatchAlerts(options: WatchAlertOptions): Promise<WatchAlerts> {
  const { ports, core } = options;
  const clock = options.clock ?? Date.now;
  const log = options.logger.child({ component: "watch-alerts" });

  async function send(alert: PlannedAlert): Promise<void> {
    const port = ports[alert.platform];
    if (!port?.postWatchAlert) throw new Error(`no ${alert.platform} adapter posts watch alerts`);
    const talks = new Map(core().catalog.talks.map((t) => [t.id, t]));
    const message = alertMessage(alert, (id) => talks.get(id));
    if (!message) return;
    const key = `watch:${alert.platform}:${alert.destination}:${alert.items.map((i) => `${i.talk}/${i.why}`).join(",")}`;
    await port.postWatchAlert(alert.destination, message, key);
  }

  const delivery = await openAlertDelivery(options.state, send, options.logger);
  // Only when rooms watch: a first start (no claims yet, no watches) has nothing to adopt.
  const watching = options.watches.all();
  if (delivery.claimsLost === "recovered" || (delivery.claimsLost && watching.length)) {
    const current = core();
    const adopt = claimsToAdopt(watching, options.baseline ?? current.catalog.talks, (query) =>
      acceptedIds(current, query),
    );
    const adopted = await delivery.adopt(adopt);
    log.warn(
      { lost: delivery.claimsLost, rooms: adopt.length, claims: adopted },
      "the watch alerts' record of what rooms were told was lost: the talks they watch now count as told (changes to them are not announced; new talks are)",
    );
  } else if (delivery.claimsLost) await delivery.adopt([]);
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  // One step at a time: a sync's delivery and the timer's flush never interleave.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = (what: string, work: () => Promise<void>): Promise<void> => {
    const next = queue.then(work).catch((err: unknown) => log.error({ err }, `${what} failed`));
    queue = next;
    return next;
  };

  async function flushNow(): Promise<void> {
    if (stopped) return;
    const now = clock();
    const due = await delivery.flush(now);
    if (timer) clearTimeout(timer);
    timer = null;
    if (due === null || stopped) return;
    timer = setTimeout(() => void serial("watch alert flush", flushNow), Math.max(0, due - now));
    timer.unref();
  }

  const poll = setInterval(() => void serial("watch alert flush", flushNow), ALERT_RETRY_MS);
  poll.unref();

  return {
    catalogChanged: (before) =>
      serial("watch alerts", async () => {
        const current = core();
        const change = diffCatalogs(before, current.catalog.talks);
        if (!change.added.length && !change.changed.length && !change.media.size) return;
        const plans = planAlerts(
          options.watches.all(),
          change,
          (query) => acceptedIds(current, query),
          await delivery.told(),
        );
        await delivery.deliver(plans, clock());
        if (plans.length) log.info({ alerts: plans.length }, "watch alerts planned");
        await flushNow();
      }),
    flush: () => serial("watch alert flush", flushNow),
    stop() {
      stopped = true;
      clearInterval(poll);
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
