// Did a talk-of-the-day post reach the room? After a send whose outcome is unknown (a
// crash, a timeout, a replica killed mid-send) the daily post looks before sending again,
// as it does on Slack: the homeserver's transaction-id dedupe only holds for a while
// (30–60 minutes per token on Synapse, in memory) and a repeat that it drops still counts
// as a second send (issue #22). Every post carries its idempotency key in a namespaced
// field of its content (clients ignore unknown fields; body and HTML stay as rendered),
// and the look reads the room's timeline backwards (GET /rooms/{roomId}/messages?dir=b)
// for an event the bot sent with that key, stopping where the timeline is older than the
// send.
import { DeliveryError, type PostLookup } from "../../core/post-port.ts";
import type { BotClient } from "./client.ts";
import { classifyRepeatable, deliveryErrorOf } from "./errors.ts";
import type { Rooms } from "./rooms.ts";

/** The content field that carries a post's idempotency key ("totd:2026-12-05:matrix:!r"). */
export const POST_KEY_FIELD = "org.virt-talks.key";

/**
 * How far before the send (by our clock) the timeline is read: covers a skew between our
 * clock and the homeserver's (origin_server_ts is the homeserver's).
 */
export const TIMELINE_MARGIN_MS = 5 * 60_000;

/**
 * Events per page, and pages at most. The request asks the homeserver for the bot's own
 * messages only (a RoomEventFilter), so a busy room does not use the pages up; a server
 * that ignores the filter is still read correctly, only less far.
 */
export const TIMELINE_PAGE_SIZE = 100;
export const TIMELINE_MAX_PAGES = 5;

/** A post's content with its idempotency key added. */
export function withPostKey<T extends object>(
  content: T,
  key: string,
): T & { [POST_KEY_FIELD]: string } {
  return { ...content, [POST_KEY_FIELD]: key };
}

/** One page of GET /rooms/{roomId}/messages, as far as the look needs it. */
export interface TimelinePage {
  readonly chunk?: unknown;
  readonly end?: unknown;
}

/** The query of one page; `from` is the previous page's `end`. */
export interface TimelineQuery {
  readonly dir: "b";
  readonly limit: number;
  readonly filter: string;
  readonly from?: string;
}

interface FindPostArgs {
  /** Reads one page; rejects with the SDK's (or a transport) error. */
  readonly readPage: (roomId: string, query: TimelineQuery) => Promise<TimelinePage>;
  /** The bot's own user id. */
  readonly botUserId: string;
  readonly roomId: string;
  readonly key: string;
  readonly since: Date;
}

interface TimelineEvent {
  readonly type?: unknown;
  readonly sender?: unknown;
  readonly origin_server_ts?: unknown;
  readonly content?: unknown;
}

const asEvent = (e: unknown): TimelineEvent =>
  typeof e === "object" && e !== null ? (e as TimelineEvent) : {};

/** Is this event the bot's post with this key? Anyone can put the field in a message. */
export function isOurPost(event: unknown, key: string, botUserId: string): boolean {
  const { type, sender, content } = asEvent(event);
  if (type !== "m.room.message" || sender !== botUserId) return false;
  return (
    typeof content === "object" &&
    content !== null &&
    (content as Record<string, unknown>)[POST_KEY_FIELD] === key
  );
}

/** Reads the room's timeline back to `since` (less the margin) for our post with `key`. */
export async function findPost(args: FindPostArgs): Promise<PostLookup> {
  const oldest = args.since.getTime() - TIMELINE_MARGIN_MS;
  const filter = JSON.stringify({ types: ["m.room.message"], senders: [args.botUserId] });
  let from: string | undefined;
  for (let page = 0; page < TIMELINE_MAX_PAGES; page++) {
    let result: TimelinePage;
    try {
      result = await args.readPage(args.roomId, {
        dir: "b",
        limit: TIMELINE_PAGE_SIZE,
        filter,
        ...(from ? { from } : {}),
      });
    } catch (error) {
      // Refused (403: not in the room, 404): asking again will not change it.
      const failure = classifyRepeatable(error);
      if (failure.kind === "refused") return { kind: "unavailable", reason: failure.detail };
      throw deliveryErrorOf(error); // may pass (a 429, a timeout, a 5xx): the caller retries
    }
    const events = Array.isArray(result.chunk) ? result.chunk : [];
    for (const event of events) {
      if (isOurPost(event, args.key, args.botUserId)) return { kind: "found" };
      const ts = asEvent(event).origin_server_ts;
      // Newest first: everything from here on is older than the send.
      if (typeof ts === "number" && ts < oldest) return { kind: "absent" };
    }
    // No `end`: the start of what the bot may see of the room.
    if (events.length === 0 || typeof result.end !== "string") return { kind: "absent" };
    from = result.end;
  }
  // Not read back to the send: the post may be further back. Saying "absent" could post twice.
  return {
    kind: "unavailable",
    reason: `more than ${TIMELINE_MAX_PAGES * TIMELINE_PAGE_SIZE} events since the send`,
  };
}

interface PostFinderDeps {
  /** The SDK's client while the adapter runs, else null. */
  readonly client: () => BotClient | null;
  /** The bot's user id ("" until whoami answered). */
  readonly botUserId: () => string;
  readonly rooms: Pick<Rooms, "resolveDestination">;
  readonly timeoutMs: number;
}

/** The post port's findPost: the pages read through the SDK's client (a plain GET). */
export function createPostFinder(deps: PostFinderDeps) {
  return async (destination: string, key: string, since: Date): Promise<PostLookup> => {
    const client = deps.client();
    const botUserId = deps.botUserId();
    if (!client || !botUserId)
      throw new DeliveryError({ kind: "not-sent", detail: "the Matrix adapter is not running" });
    const roomId = await deps.rooms.resolveDestination(destination).catch((e: unknown) => {
      throw deliveryErrorOf(e);
    });
    return findPost({
      readPage: (room, query) =>
        client.doRequest(
          "GET",
          `/_matrix/client/v3/rooms/${encodeURIComponent(room)}/messages`,
          query,
          null,
          deps.timeoutMs,
        ) as Promise<TimelinePage>,
      botUserId,
      roomId,
      key,
      since,
    });
  };
}
