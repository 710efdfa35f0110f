// The channels of the fake Slack (bench/shared/fakes/slack-web-api.ts): the messages posted or
// injected into each, conversations.history over them (newest first, paged with a cursor,
// metadata on request), and which channels the bot is not in (Slack then answers
// not_in_channel to posts and history reads there).

/** A message in a channel, as conversations.history returns it. */
export interface ChannelMessage {
  readonly type: "message";
  readonly ts: string;
  readonly text: string;
  readonly user?: string;
  readonly bot_id?: string;
  readonly app_id?: string;
  readonly metadata?: { readonly event_type: string; readonly event_payload: unknown };
}

/** conversations.history's page size when none (or nonsense) is asked for, and its cap. */
const HISTORY_DEFAULT_LIMIT = 100;
const HISTORY_MAX_LIMIT = 999;

/** The methods that need the bot in the channel. */
const MEMBERS_ONLY = new Set(["chat.postMessage", "chat.postEphemeral", "conversations.history"]);

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

  /** Newest first after `oldest`, a page of `limit` from the offset in `cursor`. */
  function history(body: Record<string, unknown>): Record<string, unknown> {
    const all = channels.get(String(body.channel)) ?? [];
    const oldest = Number(body.oldest ?? 0) || 0;
    const inclusive = body.inclusive === "true" || body.inclusive === true;
    const metadata = body.include_all_metadata === "true" || body.include_all_metadata === true;
    const asked = Number(body.limit);
    const limit =
      Number.isInteger(asked) && asked > 0
        ? Math.min(asked, HISTORY_MAX_LIMIT)
        : HISTORY_DEFAULT_LIMIT;
    const offset = body.cursor ? Number(Buffer.from(String(body.cursor), "base64").toString()) : 0;
    const matching = all
      .filter((m) => (inclusive ? Number(m.ts) >= oldest : Number(m.ts) > oldest))
      .reverse();
    const page = matching.slice(offset, offset + limit);
    const hasMore = offset + limit < matching.length;
    return {
      ok: true,
      messages: page.map(({ metadata: meta, ...rest }) =>
        metadata && meta ? { ...rest, metadata: meta } : rest,
      ),
      has_more: hasMore,
      pin_count: 0,
      response_metadata: {
        next_cursor: hasMore ? Buffer.from(String(offset + limit)).toString("base64") : "",
      },
    };
  }

  return {
    nextTs,
    append,
    history,
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
