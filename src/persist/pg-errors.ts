// What a failed PostgreSQL call means for a retry, and how to name the database in a log
// line without its password.
import { classifyTransportError, type Failure } from "../core/retry.ts";

/**
 * SQLSTATEs after which the same statement may succeed: the server is restarting or shut
 * the connection (57P01-57P03), a connection exception (class 08), too many connections
 * (53300), a serialization failure or deadlock (40001, 40P01), our statement timeout
 * (57014).
 */
const TRANSIENT = new Set(["57P01", "57P02", "57P03", "53300", "40001", "40P01", "57014"]);

/** A DatabaseError from the server carries `severity` and a five-character `code`. */
const isServerError = (e: unknown): e is { code: string; severity: string } =>
  typeof e === "object" &&
  e !== null &&
  typeof (e as { code?: unknown }).code === "string" &&
  typeof (e as { severity?: unknown }).severity === "string";

export function classifyPgError(error: unknown): Failure {
  if (isServerError(error)) {
    const { code } = error;
    if (TRANSIENT.has(code) || code.startsWith("08"))
      return { kind: "unknown", detail: code, unreachable: true };
    return { kind: "refused", detail: code };
  }
  // No server answer: a socket error, "Connection terminated unexpectedly", a pool or
  // query timeout. Never-connected ones are "not-sent"; the rest may have reached it.
  const failure = classifyTransportError(error);
  return failure.kind === "not-sent"
    ? failure
    : { kind: "unknown", detail: failure.detail, unreachable: true };
}

/** `host:port/database` of a connection string, never its user or password. */
export function describeDatabase(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    const host = url.hostname || url.searchParams.get("host") || "local socket";
    return `${host}:${url.port || "5432"}${url.pathname || "/"}`;
  } catch {
    return "(unparsable DATABASE_URL)";
  }
}

/** The error's own words, for the message of the StateStoreError that wraps it. */
export function pgErrorText(error: unknown): string {
  const e = error as { message?: unknown; code?: unknown };
  const text = typeof e?.message === "string" && e.message ? e.message : String(error);
  return typeof e?.code === "string" ? `${text} (${e.code})` : text;
}
