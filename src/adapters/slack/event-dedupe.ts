// Global middleware: an Events API delivery whose event_id was already seen is dropped.
// Slack re-sends an event (X-Slack-Retry-Num: 1, 2, 3: at once, after a minute, after five)
// when our 200 was late or lost; Bolt acks the re-delivery with 200 and this stops it from
// being answered twice. The ids live in the state store, so a restart inside Slack's retry
// window does not answer a re-delivered event again.
import type { App } from "@slack/bolt";
import type { KeyValue, StateStore } from "../../core/state-store.ts";
import type { Logger } from "../../log.ts";
import { errorText } from "./context.ts";

/** The state-store namespace of event ids already answered. */
export const EVENTS_NAMESPACE = "slack-events";
/** Kept well past Slack's last retry (about five minutes after the first delivery). */
export const EVENT_TTL_MS = 60 * 60_000;

/** Each stored value is when the event was first seen (ms since the epoch). */
const seenAt = (raw: unknown): number | undefined =>
  typeof raw === "number" && Number.isFinite(raw) ? raw : undefined;

export function openEventLog(state: StateStore): Promise<KeyValue<number>> {
  return state.open(EVENTS_NAMESPACE, seenAt);
}

export function registerEventDedupe(
  app: App,
  events: Promise<KeyValue<number>>,
  logger: Logger,
  clock: () => number,
): void {
  app.use(async ({ body, context, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId !== "string") return next();
    let first = true;
    try {
      first = await (await events).putIfAbsent(eventId, clock(), { ttlMs: EVENT_TTL_MS });
    } catch (error) {
      // The store cannot be written: answering twice beats never answering.
      logger.warn({ eventId, err: errorText(error) }, "slack event log unavailable; answering");
    }
    if (!first) {
      logger.info(
        { eventId, retryNum: context.retryNum, retryReason: context.retryReason },
        "slack event re-delivery ignored",
      );
      return;
    }
    await next();
  });
}
