// Reads one SOURCE of `import`: a file path, "-" for standard input, or an http(s) URL.
// Every way in is bounded: inputs over the size limit are refused before they are held in
// memory, and a URL must answer within the timeout.
import { open } from "node:fs/promises";
import { decodeText } from "./decode-text.ts";
import { ImportError } from "./types.ts";

/** Larger schedules are refused: the biggest real exports are a few MB. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;
export const FETCH_TIMEOUT_MS = 30_000;

export interface FetchOptions {
  readonly maxBytes?: number;
  readonly timeoutMs?: number;
  readonly stdin?: NodeJS.ReadableStream;
}

const tooLarge = (source: string, max: number) =>
  new ImportError(`larger than ${Math.round(max / 1024 / 1024)} MB: refused`, null, source);

/** The whole stream as UTF-8 text; an ImportError as soon as it passes `max` bytes. */
export async function readStream(
  source: string,
  stream: AsyncIterable<Uint8Array | string>,
  max: number,
): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk);
    size += buf.length;
    if (size > max) throw tooLarge(source, max);
    chunks.push(buf);
  }
  return decodeText(source, Buffer.concat(chunks, size));
}

async function readPath(source: string, max: number): Promise<string> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(source, "r");
  } catch (err) {
    throw new ImportError(`cannot read: ${(err as Error).message}`, null, source);
  }
  try {
    const { size } = await handle.stat();
    if (size > max) throw tooLarge(source, max);
    return await readStream(source, handle.createReadStream({ autoClose: false }), max);
  } finally {
    await handle.close();
  }
}

/**
 * The URL and headers of a GET for an http(s) source: fetch refuses user:password in a URL,
 * so they go in an Authorization header instead.
 */
export function sourceRequest(source: string): { url: URL; headers: Record<string, string> } {
  const url = new URL(source);
  const headers: Record<string, string> = {
    accept: "application/json, application/xml, text/calendar, */*;q=0.5",
  };
  if (url.username || url.password) {
    const user = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
    headers.authorization = `Basic ${Buffer.from(user).toString("base64")}`;
    url.username = "";
    url.password = "";
  }
  return { url, headers };
}

async function fetchUrl(
  source: string,
  label: string,
  max: number,
  timeoutMs: number,
): Promise<string> {
  let response: Response;
  const signal = AbortSignal.timeout(timeoutMs);
  const { url, headers } = sourceRequest(source);
  try {
    response = await fetch(url, { signal, headers });
  } catch (err) {
    const detail = (err as Error & { cause?: Error }).cause?.message ?? (err as Error).message;
    const reason = signal.aborted
      ? `no answer within ${timeoutMs / 1000} s`
      : detail.split(source).join(label).split(url.href).join(label);
    throw new ImportError(`unreachable: ${reason}`, null, label);
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new ImportError(`the server answered HTTP ${response.status}`, null, label);
  }
  const declared = Number(response.headers.get("content-length") ?? "0");
  if (declared > max) {
    await response.body?.cancel();
    throw tooLarge(label, max);
  }
  if (!response.body) return "";
  try {
    return await readStream(label, response.body, max);
  } catch (err) {
    if (err instanceof ImportError) throw err;
    throw new ImportError(
      signal.aborted ? `no complete answer within ${timeoutMs / 1000} s` : "download failed",
      null,
      label,
    );
  }
}

/** Query parameters that carry credentials (Indico's ak/signature, tokens, keys). */
const SECRET_PARAM =
  /^(ak|api[_-]?key|key|token|access[_-]?token|signature|secret|password|auth)$/i;

/**
 * How a source is named in messages and in the records' `source.origin`: stdin for "-",
 * a URL without user info and without credential parameters, a path as given.
 */
export function displaySource(source: string): string {
  if (source === "-") return "stdin";
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) return source;
  try {
    const url = new URL(source);
    url.username = "";
    url.password = "";
    for (const name of [...url.searchParams.keys()])
      if (SECRET_PARAM.test(name)) url.searchParams.set(name, "REDACTED");
    return url.href;
  } catch {
    return source;
  }
}

function isUrl(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

/** The source's text, or an ImportError naming it. */
export async function fetchSource(source: string, options: FetchOptions = {}): Promise<string> {
  const max = options.maxBytes ?? MAX_INPUT_BYTES;
  if (source === "-") return readStream("stdin", options.stdin ?? process.stdin, max);
  if (isUrl(source))
    return fetchUrl(source, displaySource(source), max, options.timeoutMs ?? FETCH_TIMEOUT_MS);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source))
    throw new ImportError(
      "only http(s) URLs, file paths and - are supported",
      null,
      displaySource(source),
    );
  return readPath(source, max);
}
