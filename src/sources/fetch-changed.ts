// One conditional GET of a schedule source: If-None-Match / If-Modified-Since from the
// last good fetch, so an unchanged schedule costs the conference's server a 304 and us
// nothing. The importer's limits apply (size, time); the body is read as a stream and
// refused as soon as it passes the size limit, never held whole first.
import { FETCH_TIMEOUT_MS, MAX_INPUT_BYTES } from "../import/fetch-source.ts";

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

function conditionalHeaders(url: URL, validators: Validators): Record<string, string> {
  const headers: Record<string, string> = {
    accept: "application/json, application/xml, text/calendar, */*;q=0.5",
  };
  if (validators.etag) headers["if-none-match"] = validators.etag;
  if (validators.lastModified) headers["if-modified-since"] = validators.lastModified;
  // fetch refuses user:password in a URL: it goes in an Authorization header instead.
  if (url.username || url.password) {
    const user = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
    headers.authorization = `Basic ${Buffer.from(user).toString("base64")}`;
    url.username = "";
    url.password = "";
  }
  return headers;
}

async function readBody(body: ReadableStream<Uint8Array>, max: number): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > max) throw new SourceFetchError(`larger than ${Math.round(max / 1048576)} MB`);
    chunks.push(chunk);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks, size));
  } catch {
    throw new SourceFetchError("not valid UTF-8 text");
  }
}

const retryAfter = (header: string | null): number | null => {
  const seconds = Number(header ?? "");
  return header && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : null;
};

export async function fetchIfChanged(
  source: string,
  validators: Validators,
  limits: FetchLimits = {},
): Promise<FetchOutcome> {
  const timeoutMs = limits.timeoutMs ?? FETCH_TIMEOUT_MS;
  const max = limits.maxBytes ?? MAX_INPUT_BYTES;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = limits.signal ? AbortSignal.any([timeout, limits.signal]) : timeout;
  const url = new URL(source);
  const headers = conditionalHeaders(url, validators);
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
      retryAfter(response.headers.get("retry-after")),
    );
  }
  if (Number(response.headers.get("content-length") ?? "0") > max) {
    await response.body?.cancel();
    throw new SourceFetchError(`larger than ${Math.round(max / 1048576)} MB`);
  }
  let text = "";
  try {
    if (response.body) text = await readBody(response.body, max);
  } catch (err) {
    if (err instanceof SourceFetchError) throw err;
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
