// The Web API calls the bot makes, all through Bolt's one WebClient (app.client), each behind
// the retry module (src/core/retry.ts). The SDK's own retrying is switched off: by default it
// retries everything (timeouts and 5xx included) ten times over ~30 minutes with no request
// timeout, which can post the same message twice or hang a reply for half an hour.
import type { Logger as BoltLogger, webApi } from "@slack/bolt";
import { type Failure, RETRY_DEFAULTS, type RetryPolicy, withRetry } from "../../core/retry.ts";
import type { Logger } from "../../log.ts";
import type { Block } from "../../render/slack/blocks.ts";
import { classifyWebApiError } from "./web-api-failure.ts";

export const REQUEST_TIMEOUT_MS = 10_000;

/**
 * Options for the WebClients Bolt creates (app.client among them): one attempt each, bounded
 * in time. With `token`, app.client authenticates every call as the bot (one workspace):
 * Bolt's App cannot take both a token and our `authorize`, and a per-call token would also
 * travel in the request body.
 */
export function webClientOptions(apiUrl: string | undefined, logger?: BoltLogger, token?: string) {
  return {
    ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
    ...(token ? { headers: { Authorization: `Bearer ${token}` } } : {}),
    timeout: REQUEST_TIMEOUT_MS,
    // One attempt per call; withRetry() decides about the next one.
    retryConfig: { retries: 0 },
    // Surface a 429 as WebAPIRateLimitedError instead of sleeping inside the SDK.
    rejectRateLimitedCalls: true,
    // Method names are ours, never URLs: nothing can point the token at another host.
    allowAbsoluteUrls: false,
    ...(logger ? { logger } : {}),
  } satisfies webApi.WebClientOptions;
}

export interface BotIdentity {
  readonly userId: string | undefined;
  readonly botId: string | undefined;
  readonly teamId: string | undefined;
}

/** Slack message metadata: machine-readable data on a message, returned by history reads. */
export interface MessageMetadata {
  readonly event_type: string;
  readonly event_payload: Readonly<Record<string, string>>;
}

export interface PostArgs {
  readonly channel: string;
  readonly text: string;
  readonly blocks: readonly Block[];
  readonly threadTs?: string;
  readonly metadata?: MessageMetadata;
}

/** One message of a channel's history, reduced to what the bot looks at. */
export interface HistoryMessage {
  readonly ts: string;
  readonly botId: string | undefined;
  readonly userId: string | undefined;
  readonly metadata: { readonly eventType: string; readonly payload: unknown } | undefined;
}

export interface HistoryArgs {
  readonly channel: string;
  /** Only messages after this Slack timestamp ("1746349200.000000"). */
  readonly oldest: string;
  readonly limit: number;
  readonly cursor?: string;
}

/** conversations.replies: one thread's messages (its parent included) after `oldest`. */
export interface RepliesArgs extends HistoryArgs {
  /** The thread's parent message ts. */
  readonly ts: string;
}

export interface HistoryPage {
  readonly messages: readonly HistoryMessage[];
  /** Where the next page starts; undefined on the last page. */
  readonly nextCursor: string | undefined;
}

/** What users.info tells about a user, as far as permissions go. */
export interface UserInfo {
  readonly isAdmin: boolean;
  readonly isOwner: boolean;
}

export interface SlackApi {
  authTest(): Promise<BotIdentity>;
  /** Returns the ts of the posted message. */
  postMessage(args: PostArgs): Promise<string>;
  postEphemeral(args: PostArgs & { readonly user: string }): Promise<void>;
  /** chat.delete of one of the bot's own messages; one already gone counts as deleted. */
  deleteMessage(args: { readonly channel: string; readonly ts: string }): Promise<void>;
  /** conversations.history with every message's metadata (needs channels:/groups:history). */
  history(args: HistoryArgs): Promise<HistoryPage>;
  /** conversations.replies with every message's metadata (the same history scopes). */
  replies(args: RepliesArgs): Promise<HistoryPage>;
  /** users.info (needs users:read). */
  userInfo(user: string): Promise<UserInfo>;
}

interface SlackApiOptions {
  /** Bolt's app.client: the one WebClient, authenticated as the bot (webClientOptions). */
  readonly client: webApi.WebClient;
  readonly logger: Logger;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Told about every call's outcome, for health(). */
  readonly onOutcome?: (ok: boolean, failure?: Failure) => void;
}

export function createSlackApi(options: SlackApiOptions): SlackApi {
  const { client } = options;
  const log = options.logger;

  /** `callerReports`: failures the caller logs itself (with what it does instead). */
  async function call<T>(
    method: string,
    policy: RetryPolicy,
    op: () => Promise<T>,
    callerReports: (failure: Failure) => boolean = () => false,
  ): Promise<T> {
    try {
      const result = await withRetry(op, policy, {
        classify: classifyWebApiError,
        ...(options.sleep ? { sleep: options.sleep } : {}),
        onRetry: (failure, attempt, delayMs) =>
          log.warn({ method, failure, attempt, delayMs }, "slack api call failed; retrying"),
      });
      options.onOutcome?.(true);
      return result;
    } catch (error) {
      const failure = classifyWebApiError(error);
      if (callerReports(failure)) log.debug({ method, failure }, "slack api call failed");
      else log.warn({ method, failure }, "slack api call failed");
      options.onOutcome?.(false, failure);
      throw error;
    }
  }

  // A text-only message (a DM subscription reply, "That was all…") goes without a `blocks`
  // field rather than with an empty one.
  const message = (a: PostArgs) => ({
    channel: a.channel,
    text: a.text,
    ...(a.blocks.length ? { blocks: [...a.blocks] } : {}),
    ...(a.threadTs ? { thread_ts: a.threadTs } : {}),
    ...(a.metadata
      ? {
          metadata: {
            event_type: a.metadata.event_type,
            event_payload: { ...a.metadata.event_payload },
          },
        }
      : {}),
  });

  const read = (method: string, op: () => Promise<RawPage>): Promise<HistoryPage> =>
    call(method, RETRY_DEFAULTS.idempotent, op, (failure) => failure.kind === "refused").then(
      historyPage,
    );

  return {
    async authTest() {
      const r = await call("auth.test", RETRY_DEFAULTS.idempotent, () => client.auth.test());
      return { userId: r.user_id, botId: r.bot_id, teamId: r.team_id };
    },
    async postMessage(args) {
      // No idempotency key: a post that may have arrived is never repeated (RETRY_DEFAULTS.send).
      const r = await call("chat.postMessage", RETRY_DEFAULTS.send, () =>
        client.chat.postMessage({ ...message(args), unfurl_links: false, unfurl_media: false }),
      );
      return r.ts ?? "";
    },
    async postEphemeral(args) {
      await call("chat.postEphemeral", RETRY_DEFAULTS.send, () =>
        client.chat.postEphemeral({ ...message(args), user: args.user }),
      );
    },
    async deleteMessage(args) {
      // Repeating a delete is harmless: a repeat after one that landed says message_not_found.
      try {
        await call(
          "chat.delete",
          RETRY_DEFAULTS.idempotent,
          () => client.chat.delete({ channel: args.channel, ts: args.ts }),
          (failure) => failure.kind === "refused" && failure.detail === "message_not_found",
        );
      } catch (error) {
        const failure = classifyWebApiError(error);
        if (failure.kind !== "refused" || failure.detail !== "message_not_found") throw error;
      }
    },
    // Reads: repeating one is harmless, so timeouts and 5xx are retried too. Refusals
    // (missing_scope, not_in_channel) are the caller's to report: it falls back.
    history: (args) =>
      read("conversations.history", () => client.conversations.history(readArgs(args))),
    replies: (args) =>
      read("conversations.replies", () =>
        client.conversations.replies({ ...readArgs(args), ts: args.ts }),
      ),
    async userInfo(user) {
      const r = await call("users.info", RETRY_DEFAULTS.idempotent, () =>
        client.users.info({ user }),
      );
      return { isAdmin: r.user?.is_admin === true, isOwner: r.user?.is_owner === true };
    },
  };
}

/** The arguments of a history or replies read, with every message's metadata. */
function readArgs(args: HistoryArgs) {
  return {
    channel: args.channel,
    oldest: args.oldest,
    limit: args.limit,
    include_all_metadata: true,
    ...(args.cursor ? { cursor: args.cursor } : {}),
  };
}

/** What history and replies answer, in the same shape (the fields the bot looks at). */
interface RawPage {
  readonly messages?: readonly {
    readonly ts?: string;
    readonly bot_id?: string;
    readonly user?: string;
    readonly metadata?: { readonly event_type?: string; readonly event_payload?: unknown };
  }[];
  readonly has_more?: boolean;
  readonly response_metadata?: { readonly next_cursor?: string };
}

function historyPage(r: RawPage): HistoryPage {
  return {
    messages: (r.messages ?? []).map((m) => ({
      ts: m.ts ?? "",
      botId: m.bot_id,
      userId: m.user,
      metadata: m.metadata?.event_type
        ? { eventType: m.metadata.event_type, payload: m.metadata.event_payload }
        : undefined,
    })),
    nextCursor: (r.has_more && r.response_metadata?.next_cursor) || undefined,
  };
}
