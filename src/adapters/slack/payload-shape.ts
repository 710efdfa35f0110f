// Which request bodies Bolt cannot take. Bolt parses a body as Slack sends it (a form with a
// `payload` JSON field for interactions, a form for slash commands, JSON for events) and then
// reads fields without checking them: a signed `payload=null` throws inside its request
// handler, outside any error hook (no answer, an unhandled rejection), and an interaction
// without `user` throws in its dispatch (a 500). Bodies like those are refused before Bolt
// sees them (http-entry.ts); this says which, and why, parsing exactly as Bolt does.
import { parse as parseForm } from "node:querystring";

export const FORM = "application/x-www-form-urlencoded";

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** An interaction (block_actions, view_submission, shortcuts, ...): always from a person. */
function interactionProblem(payload: unknown): string | null {
  if (!isObject(payload)) return "payload is not an object";
  const user = payload.user;
  if (!isObject(user) || typeof user.id !== "string") return "interaction without a user";
  return null;
}

/** Events API and other JSON bodies. */
function jsonProblem(body: unknown): string | null {
  if (!isObject(body)) return "body is not an object";
  if (
    body.type === "event_callback" &&
    !(isObject(body.event) && typeof body.event.type === "string")
  )
    return "event_callback without an event";
  return null;
}

/**
 * Why Bolt cannot handle this body, or null when it can (including bodies Bolt itself
 * answers well: ssl_check, url_verification, slash commands).
 */
export function bodyProblem(raw: string, contentType: string | undefined): string | null {
  // Bolt compares the header exactly; anything else it parses as JSON.
  if (contentType === FORM) {
    const form = parseForm(raw);
    if (form.ssl_check === "1") return null;
    const { payload } = form;
    if (typeof payload !== "string") return null; // a slash command
    const parsed = parseJson(payload);
    return parsed.ok ? interactionProblem(parsed.value) : "payload is not JSON";
  }
  const parsed = parseJson(raw);
  return parsed.ok ? jsonProblem(parsed.value) : "body is not JSON";
}
