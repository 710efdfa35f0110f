// The operator's admin route: POST /admin/reload reloads the catalogs. Off unless
// ADMIN_TOKEN is set; the bearer token is compared in constant time, and the request
// body is never read.
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Logger } from "../log.ts";

export const ADMIN_RELOAD_PATH = "/admin/reload";

/**
 * What a reload reports, as far as the route needs to know: 200 with the report when `ok`,
 * 422 otherwise. The wiring's reloader (src/app/reload.ts) says what else is in it.
 */
interface ReloadReport {
  readonly ok: boolean;
}

export interface AdminRoutes {
  readonly token: string;
  reload(): Promise<ReloadReport>;
}

const JSON_TYPE = "application/json; charset=utf-8";

/** Equal-length digests, so neither the comparison nor its length leaks the token. */
export function sameToken(given: string, expected: string): boolean {
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

interface AdminAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
  status,
  headers: { "content-type": JSON_TYPE, ...headers },
  body: `${JSON.stringify(body)}\n`,
});

/** The answer to a request for ADMIN_RELOAD_PATH (the server writes it). */
export async function adminReload(
  req: IncomingMessage,
  admin: AdminRoutes,
  log: Logger,
): Promise<AdminAnswer> {
  if (req.method !== "POST")
    return answer(405, { ok: false, error: "use POST" }, { allow: "POST" });
  const header = req.headers.authorization ?? "";
  const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1] ?? "";
  if (!sameToken(token, admin.token)) {
    log.warn({ path: ADMIN_RELOAD_PATH }, "admin request with a missing or wrong token");
    return answer(
      401,
      { ok: false, error: "unauthorized" },
      { "www-authenticate": 'Bearer realm="virt-talks admin"' },
    );
  }
  const outcome = await admin.reload();
  return answer(outcome.ok ? 200 : 422, outcome);
}
