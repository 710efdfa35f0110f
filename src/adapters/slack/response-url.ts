// Replies through a response_url (hooks.slack.com): how a slash command or a button click is
// answered. Same rules as the Web API: a bounded request, 429s retried after Retry-After,
// never-sent requests retried, anything that may have arrived not sent twice.
import type { Logger } from "../../log.ts";
import { type HttpResponse, send } from "../../net/http-request.ts";
import type { Block } from "../../render/slack/blocks.ts";
import {
  classifyTransportError,
  type Failure,
  realSleep,
  SEND_POLICY,
  withRetry,
} from "./retry.ts";
import { REQUEST_TIMEOUT_MS } from "./web-client.ts";

export type ResponsePayload =
  | {
      readonly response_type: "ephemeral" | "in_channel";
      readonly replace_original?: boolean;
      readonly text: string;
      readonly blocks?: readonly Block[];
    }
  | {
      readonly replace_original: true;
      readonly text: string;
      readonly blocks?: readonly Block[];
    }
  | { readonly delete_original: true };

export class ResponseUrlError extends Error {
  constructor(
    readonly failure: Failure,
    options?: ErrorOptions,
  ) {
    super(`response_url post failed: ${JSON.stringify(failure)}`, options);
    this.name = "ResponseUrlError";
  }
}

export interface ResponderOptions {
  /** Origin allowed besides Slack's own (the fake Web API in tests, via SLACK_API_URL). */
  readonly apiUrl: string | undefined;
  readonly logger: Logger;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly onOutcome?: (ok: boolean, failure?: Failure) => void;
}

export type Responder = (responseUrl: string, payload: ResponsePayload) => Promise<void>;

const SLACK_HOSTS = /(^|\.)(slack\.com|slack-gov\.com)$/;

/**
 * Response URLs arrive in signed payloads, so they are Slack's; still, the bot only ever
 * posts to Slack (or the configured API origin), never wherever a URL happens to point.
 */
export function isAllowedResponseUrl(raw: string, apiUrl: string | undefined): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol === "https:" && SLACK_HOSTS.test(url.hostname)) return true;
  if (apiUrl === undefined) return false;
  try {
    return url.origin === new URL(apiUrl).origin;
  } catch {
    return false;
  }
}

function retryAfterSec(header: string | null): number | null {
  if (header === null) return null;
  const n = Number.parseInt(header, 10);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

export function createResponder(options: ResponderOptions): Responder {
  const sleep = options.sleep ?? realSleep;
  const log = options.logger;

  async function once(url: string, body: string): Promise<void> {
    let response: HttpResponse;
    try {
      // node:http, not fetch: a 3xx is not followed, it is refused below like any non-2xx.
      response = await send(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
        timeoutMs: REQUEST_TIMEOUT_MS,
      });
    } catch (error) {
      throw new ResponseUrlError(classifyTransportError(error), { cause: error });
    }
    const { text } = response;
    if (response.status === 429) {
      const after = retryAfterSec(response.header("retry-after"));
      throw new ResponseUrlError(
        after === null
          ? { kind: "refused", error: "rate_limited_without_retry_after" }
          : { kind: "rate-limited", retryAfterSec: after },
      );
    }
    if (response.status >= 500)
      throw new ResponseUrlError({ kind: "ambiguous", detail: `http_${response.status}` });
    if (response.status < 200 || response.status > 299) {
      // e.g. 404 expired_url / used_url: the response_url is spent.
      throw new ResponseUrlError({
        kind: "refused",
        error: `http_${response.status}${text ? `:${text.slice(0, 60)}` : ""}`,
      });
    }
    // Slack answers "ok" or {"ok":false,"error":...} with 200 for some refusals.
    if (text.startsWith("{")) {
      try {
        const json = JSON.parse(text) as { ok?: unknown; error?: unknown };
        if (json.ok === false)
          throw new ResponseUrlError({ kind: "refused", error: String(json.error ?? "error") });
      } catch (error) {
        if (error instanceof ResponseUrlError) throw error;
      }
    }
  }

  return async (responseUrl, payload) => {
    if (!isAllowedResponseUrl(responseUrl, options.apiUrl)) {
      const failure: Failure = { kind: "refused", error: "response_url_not_slack" };
      log.warn({ failure }, "refusing to post to a response_url outside Slack");
      throw new ResponseUrlError(failure);
    }
    const body = JSON.stringify(payload);
    const classify = (e: unknown): Failure =>
      e instanceof ResponseUrlError ? e.failure : classifyTransportError(e);
    try {
      await withRetry(() => once(responseUrl, body), classify, SEND_POLICY, {
        sleep,
        onRetry: (failure, attempt, delayMs) =>
          log.warn({ failure, attempt, delayMs }, "response_url post failed; retrying"),
      });
      options.onOutcome?.(true);
    } catch (error) {
      const failure = classify(error);
      log.warn({ failure }, "response_url post failed");
      options.onOutcome?.(false, failure);
      throw error;
    }
  };
}
