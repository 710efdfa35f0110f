// One conditional GET of a schedule source: If-None-Match / If-Modified-Since from the
// last good fetch, so an unchanged schedule costs the conference's server a 304 and us
// nothing. The importer's limits and its reading apply (fetch-source.ts: credentials in a
// header, the body read as a stream and refused as soon as it passes the size limit).
import { parseRetryAfter } from "../core/retry.ts";
import {
  displaySource,
  FETCH_TIMEOUT_MS,
  MAX_INPUT_BYTES,
  readStream,
  sourceRequest,
} from "../import/fetch-source.ts";
import { ImportError } from "../import/types.ts";

/** What the last good fetch said about the body, sent back to ask "changed since?". */
export interface Validators {
  readonly etag?: string;
  readonly lastModified?: string;
}

export type FetchOutcome =
  | { readonly kind: "unchanged" }
  | { readonly kind: "changed"; readonly text: string; readonly validators: Validators };

/** A failed fetch; `retryAfterMs` when the server named a wait (429/503 Retry-After). */
export class SourceFetchError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = "SourceFetchError";
  }
}

interface FetchLimits {
  readonly maxBytes?: number;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

export async function fetchIfChanged(
  source: string,
  validators: Validators,
  limits: FetchLimits = {},
): Promise<FetchOutcome> {
  const timeoutMs = limits.timeoutMs ?? FETCH_TIMEOUT_MS;
  const max = limits.maxBytes ?? MAX_INPUT_BYTES;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = limits.signal ? AbortSignal.any([timeout, limits.signal]) : timeout;
  const { url, headers } = sourceRequest(source);
  if (validators.etag) headers["if-none-match"] = validators.etag;
  if (validators.lastModified) headers["if-modified-since"] = validators.lastModified;
  let response: Response;
  try {
    response = await fetch(url, { signal, headers });
  } catch (err) {
    if (timeout.aborted) throw new SourceFetchError(`no answer within ${timeoutMs / 1000} s`);
    const cause = (err as Error & { cause?: { code?: string } }).cause;
    throw new SourceFetchError(`unreachable (${cause?.code ?? (err as Error).name})`);
  }
  if (response.status === 304) {
    await response.body?.cancel();
    return { kind: "unchanged" };
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new SourceFetchError(
      `the server answered HTTP ${response.status}`,
      parseRetryAfter(response.headers.get("retry-after")),
    );
  }
  if (Number(response.headers.get("content-length") ?? "0") > max) {
    await response.body?.cancel();
    throw new SourceFetchError(`larger than ${Math.round(max / 1048576)} MB`);
  }
  let text = "";
  try {
    if (response.body) text = await readStream(displaySource(source), response.body, max);
  } catch (err) {
    // Too large or not UTF-8: the importer's own refusal, named with the source.
    if (err instanceof ImportError) throw err;
    throw new SourceFetchError(
      timeout.aborted ? `no complete answer within ${timeoutMs / 1000} s` : "the body broke off",
    );
  }
  const etag = response.headers.get("etag");
  const lastModified = response.headers.get("last-modified");
  return {
    kind: "changed",
    text,
    validators: { ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) },
  };
}
