// Messages through a response_url (hooks.slack.com): how a button click is answered after
// its ack (More results, Share in channel). A slash command's own answer goes in its ack
// body instead. Same rules as the Web API: a bounded request over Node's fetch, 429s retried
// after Retry-After, never-sent requests retried, anything that may have arrived never sent
// twice (src/core/retry.ts). Bolt's `respond` is not used: it drops the Retry-After header.
import {
  classifyTransportError,
  type Failure,
  parseRetryAfter,
  RETRY_DEFAULTS,
  withRetry,
} from "../../core/retry.ts";
import type { Logger } from "../../log.ts";
import type { Block } from "../../render/slack/blocks.ts";
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

class ResponseUrlError extends Error {
  constructor(
    readonly failure: Failure,
    options?: ErrorOptions,
  ) {
    super(`response_url post failed: ${JSON.stringify(failure)}`, options);
    this.name = "ResponseUrlError";
  }
}

interface ResponderOptions {
  /** Origin allowed besides Slack's own (the fake Web API in tests, via SLACK_API_URL). */
  readonly apiUrl: string | undefined;
  readonly logger: Logger;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly onOutcome?: (ok: boolean, failure?: Failure) => void;
}

export type Responder = (responseUrl: string, payload: ResponsePayload) => Promise<void>;

const SLACK_HOSTS = /(^|\.)(slack\.com|slack-gov\.com)$/;

/**
 * Response URLs arrive in signed payloads, so they are Slack's; still, the bot only ever
 * posts to Slack (or the configured API origin), never wherever a URL happens to point.
 */
function isAllowedResponseUrl(raw: string, apiUrl: string | undefined): boolean {
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

/** One POST; throws ResponseUrlError with the Failure the retry module acts on. */
async function postOnce(url: string, body: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
      // A redirect is refused like any non-2xx: the body goes to the URL Slack gave, only.
      redirect: "manual",
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    throw new ResponseUrlError(classifyTransportError(error), { cause: error });
  }
  const text = await response.text().catch(() => "");
  const { status } = response;
  if (status === 429) {
    const wait = parseRetryAfter(response.headers.get("retry-after"));
    throw new ResponseUrlError({ kind: "rate-limited", retryAfterMs: wait, detail: "http_429" });
  }
  if (status >= 500) throw new ResponseUrlError({ kind: "unknown", detail: `http_${status}` });
  if (status < 200 || status > 299) {
    // e.g. 404 expired_url / used_url: the response_url is spent.
    const detail = `http_${status}${text ? `:${text.slice(0, 60)}` : ""}`;
    throw new ResponseUrlError({ kind: "refused", detail });
  }
  // Slack answers "ok" or {"ok":false,"error":...} with 200 for some refusals.
  if (text.startsWith("{")) {
    let json: { ok?: unknown; error?: unknown } | null = null;
    try {
      json = JSON.parse(text) as { ok?: unknown; error?: unknown };
    } catch {
      // not JSON after all: a 2xx is success
    }
    if (json?.ok === false)
      throw new ResponseUrlError({ kind: "refused", detail: String(json.error ?? "error") });
  }
}

export function createResponder(options: ResponderOptions): Responder {
  const log = options.logger;
  const classify = (e: unknown): Failure =>
    e instanceof ResponseUrlError ? e.failure : classifyTransportError(e);

  return async (responseUrl, payload) => {
    if (!isAllowedResponseUrl(responseUrl, options.apiUrl)) {
      const failure: Failure = { kind: "refused", detail: "response_url_not_slack" };
      log.warn({ failure }, "refusing to post to a response_url outside Slack");
      throw new ResponseUrlError(failure);
    }
    const body = JSON.stringify(payload);
    try {
      await withRetry(() => postOnce(responseUrl, body), RETRY_DEFAULTS.send, {
        classify,
        ...(options.sleep ? { sleep: options.sleep } : {}),
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
