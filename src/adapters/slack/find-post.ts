// Did a talk-of-the-day post reach the channel? chat.postMessage has no idempotency key, so
// every daily post carries its key in Slack message metadata, and after a send whose outcome
// is unknown (a crash, a timeout) the bot reads the channel's recent history for a message
// of its own with that key, instead of guessing. Reading history needs the channels:history
// and groups:history scopes; without them Slack refuses, and the caller falls back to
// "at most once".
import type { PostLookup } from "../../core/post-port.ts";
import type { Failure } from "../../core/retry.ts";
import { classifyWebApiError } from "./web-api-failure.ts";
import type {
  BotIdentity,
  HistoryMessage,
  HistoryPage,
  MessageMetadata,
  SlackApi,
} from "./web-client.ts";

/** The metadata event type of a talk-of-the-day post (alphanumeric and underscores). */
export const TOTD_EVENT_TYPE = "virt_talks_talk_of_the_day";

/**
 * How far before the send (by our clock) the history is read: covers a skew between our
 * clock and Slack's and a message that became visible a little after its timestamp.
 */
export const HISTORY_MARGIN_MS = 5 * 60_000;

/** Messages per history page, and pages at most: a busy channel is not read to the end. */
export const HISTORY_PAGE_SIZE = 50;
export const HISTORY_MAX_PAGES = 4;

/** The metadata a talk-of-the-day post is sent with. */
export function postMetadata(idempotencyKey: string): MessageMetadata {
  return { event_type: TOTD_EVENT_TYPE, event_payload: { key: idempotencyKey } };
}

/** The Slack timestamp ("seconds.micros") to read history from for a send made at `since`. */
export function historyOldest(since: Date, marginMs: number = HISTORY_MARGIN_MS): string {
  const ms = Math.max(0, since.getTime() - marginMs);
  return `${Math.floor(ms / 1000)}.${String((ms % 1000) * 1000).padStart(6, "0")}`;
}

/**
 * Is this message our bot's, with metadata of `eventType` whose payload has `field` equal to
 * `value`? Another app could use the same event type, so the sender is checked too.
 */
export function carriesOurMetadata(
  message: HistoryMessage,
  bot: BotIdentity,
  eventType: string,
  field: string,
  value: string,
): boolean {
  const ours =
    (bot.botId !== undefined && message.botId === bot.botId) ||
    (bot.userId !== undefined && message.userId === bot.userId);
  if (!ours || message.metadata?.eventType !== eventType) return false;
  const payload = message.metadata.payload;
  return (
    typeof payload === "object" &&
    payload !== null &&
    field in payload &&
    (payload as Record<string, unknown>)[field] === value
  );
}

/** Is this message our bot's post with this key? */
export function isOurPost(message: HistoryMessage, key: string, bot: BotIdentity): boolean {
  return carriesOurMetadata(message, bot, TOTD_EVENT_TYPE, "key", key);
}

/**
 * Why history cannot be read at all (missing_scope, not_in_channel, channel_not_found, a
 * revoked token: Slack answered, and asking again will not change it), or null for a
 * failure that may pass (a 429, a timeout, a 5xx).
 */
export function unavailableReason(failure: Failure): string | null {
  return failure.kind === "refused" ? failure.detail : null;
}

interface FindPostArgs {
  readonly api: Pick<SlackApi, "history">;
  /** Who "our bot" is (auth.test); rejects while Slack cannot be asked. */
  readonly identity: () => Promise<BotIdentity>;
  readonly channel: string;
  readonly key: string;
  readonly since: Date;
}

/** Reads the channel's history since `since` (less the margin) for our post with `key`. */
export async function findPost(args: FindPostArgs): Promise<PostLookup> {
  const bot = await args.identity();
  const oldest = historyOldest(args.since);
  return scanPages(
    (cursor) =>
      args.api.history({
        channel: args.channel,
        oldest,
        limit: HISTORY_PAGE_SIZE,
        ...(cursor ? { cursor } : {}),
      }),
    (m) => isOurPost(m, args.key, bot),
    "the send",
  );
}

/**
 * Reads up to HISTORY_MAX_PAGES pages (history or a thread's replies) for a message that
 * `matches`. A refusal is "unavailable" (asking again will not change it); a failure that
 * may pass is thrown, for the caller to retry. `since` names the start in the reason.
 */
export async function scanPages(
  read: (cursor: string | undefined) => Promise<HistoryPage>,
  matches: (message: HistoryMessage) => boolean,
  since: string,
): Promise<PostLookup> {
  let cursor: string | undefined;
  for (let page = 0; page < HISTORY_MAX_PAGES; page++) {
    let result: HistoryPage;
    try {
      result = await read(cursor);
    } catch (error) {
      const reason = unavailableReason(classifyWebApiError(error));
      if (reason === null) throw error; // may pass: the caller retries
      return { kind: "unavailable", reason };
    }
    if (result.messages.some(matches)) return { kind: "found" };
    cursor = result.nextCursor;
    if (!cursor) return { kind: "absent" };
  }
  // Not read to the end: the message may be further back. Saying "absent" could post twice.
  return {
    kind: "unavailable",
    reason: `more than ${HISTORY_MAX_PAGES * HISTORY_PAGE_SIZE} messages since ${since}`,
  };
}
