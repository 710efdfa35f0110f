// The channels of the fake Slack (bench/shared/fakes/slack-web-api.ts): the messages posted or
// injected into each, conversations.history over them (newest first, paged with a cursor,
// metadata on request; thread replies left out, as Slack does), conversations.replies over
// one thread (its parent first, oldest first), chat.delete of one message, and which channels the bot is not in (Slack
// then answers not_in_channel to posts and reads there).

/** A message in a channel, as conversations.history returns it. */
export interface ChannelMessage {
  readonly type: "message";
  readonly ts: string;
  readonly text: string;
  readonly user?: string;
  readonly bot_id?: string;
  readonly app_id?: string;
  /** Set on a thread reply: the thread's parent ts. */
  readonly thread_ts?: string;
  readonly metadata?: { readonly event_type: string; readonly event_payload: unknown };
}

/** conversations.history's page size when none (or nonsense) is asked for, and its cap. */
const HISTORY_DEFAULT_LIMIT = 100;
const HISTORY_MAX_LIMIT = 999;

/** The methods that need the bot in the channel. */
const MEMBERS_ONLY = new Set([
  "chat.postMessage",
  "chat.delete",
  "chat.postEphemeral",
  "conversations.history",
  "conversations.replies",
]);

/** A reply in a thread, not the thread's parent (which history does show). */
const isReply = (m: ChannelMessage) => m.thread_ts !== undefined && m.thread_ts !== m.ts;

export function createChannels(clock: () => number) {
  const channels = new Map<string, ChannelMessage[]>();
  /** Channels the bot is not in. */
  const outside = new Set<string>();
  let lastTsMicros = 0;

  /** Slack's "seconds.micros" timestamps: from the clock, unique and increasing. */
  function nextTs(): string {
    lastTsMicros = Math.max(lastTsMicros + 1, Math.floor(clock()) * 1000);
    return `${Math.floor(lastTsMicros / 1e6)}.${String(lastTsMicros % 1e6).padStart(6, "0")}`;
  }

  function append(channel: string, message: Omit<ChannelMessage, "type" | "ts">): string {
    const ts = nextTs();
    const list = channels.get(channel) ?? [];
    list.push({ type: "message", ts, ...message });
    channels.set(channel, list);
    return ts;
  }

  /** Takes the message out of its channel; what was removed, if it was there. */
  function remove(channel: string, ts: string): ChannelMessage | undefined {
    const list = channels.get(channel) ?? [];
    const i = list.findIndex((m) => m.ts === ts);
    return i < 0 ? undefined : list.splice(i, 1)[0];
  }

  /** Newest first after `oldest`, a page of `limit` from the offset in `cursor`. */
  function history(body: Record<string, unknown>): Record<string, unknown> {
    const all = (channels.get(String(body.channel)) ?? []).filter((m) => !isReply(m));
    return page(body, all.slice().reverse());
  }

  /**
   * A thread, its parent first, oldest first. The fake does not hold the people's messages
   * that events come from, so a thread is whatever carries its ts (Slack would answer
   * thread_not_found for a parent that is not there).
   */
  function replies(body: Record<string, unknown>): Record<string, unknown> {
    const all = channels.get(String(body.channel)) ?? [];
    const parent = String(body.ts);
    return page(
      body,
      all.filter((m) => m.ts === parent || m.thread_ts === parent),
    );
  }

  /** The messages after `oldest` (as ordered), a page of `limit` from the cursor's offset. */
  function page(body: Record<string, unknown>, ordered: ChannelMessage[]): Record<string, unknown> {
    const oldest = Number(body.oldest ?? 0) || 0;
    const inclusive = body.inclusive === "true" || body.inclusive === true;
    const metadata = body.include_all_metadata === "true" || body.include_all_metadata === true;
    const asked = Number(body.limit);
    const limit =
      Number.isInteger(asked) && asked > 0
        ? Math.min(asked, HISTORY_MAX_LIMIT)
        : HISTORY_DEFAULT_LIMIT;
    const offset = body.cursor ? Number(Buffer.from(String(body.cursor), "base64").toString()) : 0;
    const matching = ordered.filter((m) =>
      inclusive ? Number(m.ts) >= oldest : Number(m.ts) > oldest,
    );
    const shown = matching.slice(offset, offset + limit);
    const hasMore = offset + limit < matching.length;
    return {
      ok: true,
      messages: shown.map(({ metadata: meta, ...rest }) =>
        metadata && meta ? { ...rest, metadata: meta } : rest,
      ),
      has_more: hasMore,
      ...(body.ts === undefined ? { pin_count: 0 } : {}),
      response_metadata: {
        next_cursor: hasMore ? Buffer.from(String(offset + limit)).toString("base64") : "",
      },
    };
  }

  return {
    nextTs,
    append,
    remove,
    history,
    replies,
    messagesIn: (channel: string): readonly ChannelMessage[] => channels.get(channel) ?? [],
    /** Whether Slack refuses `method` in `channel` because the bot is not in it. */
    refuses: (method: string, channel: string) => MEMBERS_ONLY.has(method) && outside.has(channel),
    leave: (channel: string) => void outside.add(channel),
    join: (channel: string) => void outside.delete(channel),
    clear() {
      channels.clear();
      outside.clear();
    },
  };
}
