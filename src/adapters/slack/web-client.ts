// Our WebClient and the few Web API calls the bot makes, each behind the retry policy of
// retry.ts. The SDK's own retrying is switched off: by default it retries everything
// (timeouts and 5xx included) ten times over ~30 minutes with no request timeout, which can
// post the same message twice or hang a reply for half an hour.
import { type Logger as BoltLogger, webApi } from "@slack/bolt";
import type { Logger } from "../../log.ts";
import type { Block } from "../../render/slack/blocks.ts";
import {
  classifyTransportError,
  type Failure,
  IDEMPOTENT_POLICY,
  type RetryPolicy,
  realSleep,
  SEND_POLICY,
  withRetry,
} from "./retry.ts";

export const REQUEST_TIMEOUT_MS = 10_000;

/** Options for every WebClient we or Bolt create: one attempt each, bounded in time. */
export function webClientOptions(apiUrl: string | undefined, logger?: BoltLogger) {
  return {
    ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
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

/** A Web API error as a Failure: what the retry policy and the logs need to know. */
export function classifyWebApiError(error: unknown): Failure {
  const e = error as {
    code?: unknown;
    retryAfter?: unknown;
    statusCode?: unknown;
    data?: { error?: unknown };
  };
  switch (e?.code) {
    case webApi.ErrorCode.RateLimitedError:
      return { kind: "rate-limited", retryAfterSec: Number(e.retryAfter) || 1 };
    case webApi.ErrorCode.PlatformError: {
      const code = String(e.data?.error ?? "unknown_error");
      // Slack's own "try again later" answers: the call may or may not have taken effect.
      if (
        ["internal_error", "fatal_error", "service_unavailable", "request_timeout"].includes(code)
      )
        return { kind: "ambiguous", detail: code };
      return { kind: "refused", error: code };
    }
    case webApi.ErrorCode.HTTPError: {
      const status = Number(e.statusCode);
      return status >= 500
        ? { kind: "ambiguous", detail: `http_${status}` }
        : { kind: "refused", error: `http_${status}` };
    }
    default:
      return classifyTransportError(error);
  }
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

export interface HistoryPage {
  readonly messages: readonly HistoryMessage[];
  /** Where the next page starts; undefined on the last page. */
  readonly nextCursor: string | undefined;
}

export interface SlackApi {
  authTest(): Promise<BotIdentity>;
  /** Returns the ts of the posted message. */
  postMessage(args: PostArgs): Promise<string>;
  postEphemeral(args: PostArgs & { readonly user: string }): Promise<void>;
  /** conversations.history with every message's metadata (needs channels:/groups:history). */
  history(args: HistoryArgs): Promise<HistoryPage>;
}

export interface SlackApiOptions {
  readonly token: string;
  readonly apiUrl: string | undefined;
  readonly logger: Logger;
  readonly boltLogger?: BoltLogger;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Told about every call's outcome, for health(). */
  readonly onOutcome?: (ok: boolean, failure?: Failure) => void;
}

export function createSlackApi(options: SlackApiOptions): SlackApi {
  const client = new webApi.WebClient(
    options.token,
    webClientOptions(options.apiUrl, options.boltLogger),
  );
  const sleep = options.sleep ?? realSleep;
  const log = options.logger;

  /** `callerReports`: failures the caller logs itself (with what it does instead). */
  async function call<T>(
    method: string,
    policy: RetryPolicy,
    op: () => Promise<T>,
    callerReports: (failure: Failure) => boolean = () => false,
  ): Promise<T> {
    try {
      const result = await withRetry(op, classifyWebApiError, policy, {
        sleep,
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

  const message = (a: PostArgs) => ({
    channel: a.channel,
    text: a.text,
    blocks: [...a.blocks],
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

  return {
    async authTest() {
      const r = await call("auth.test", IDEMPOTENT_POLICY, () => client.auth.test());
      return { userId: r.user_id, botId: r.bot_id, teamId: r.team_id };
    },
    async postMessage(args) {
      const r = await call("chat.postMessage", SEND_POLICY, () =>
        client.chat.postMessage({ ...message(args), unfurl_links: false, unfurl_media: false }),
      );
      return r.ts ?? "";
    },
    async postEphemeral(args) {
      await call("chat.postEphemeral", SEND_POLICY, () =>
        client.chat.postEphemeral({ ...message(args), user: args.user }),
      );
    },
    async history(args) {
      // A read: repeating it is harmless, so timeouts and 5xx are retried too. Refusals
      // (missing_scope, not_in_channel) are the caller's to report: it falls back.
      const r = await call(
        "conversations.history",
        IDEMPOTENT_POLICY,
        () =>
          client.conversations.history({
            channel: args.channel,
            oldest: args.oldest,
            limit: args.limit,
            include_all_metadata: true,
            ...(args.cursor ? { cursor: args.cursor } : {}),
          }),
        (failure) => failure.kind === "refused",
      );
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
    },
  };
}
