// Reading what the bot answered in Slack tests: a slash command's ack body, and every string
// a message would show (for "never raw" checks).
import type { SendResult } from "../../bench/shared/slack-signing.ts";

/** An ack body (a /virt answer) as the fake records calls: the parsed body and the raw text. */
export interface AckedAnswer {
  readonly body: Record<string, unknown>;
  readonly raw: string;
}

/** The answer a slash command got in its ack body; throws when the ack was empty. */
export function answerOf(res: SendResult): AckedAnswer {
  if (res.status !== 200 || !res.body) throw new Error(`no answer in the ack: ${res.status}`);
  return { body: JSON.parse(res.body) as Record<string, unknown>, raw: res.body };
}

/**
 * Every string Slack would render in a JSON-able message, depth first (for "never raw"
 * assertions). Button `value`s are skipped: opaque data Slack hands back, never shows.
 */
export function allStrings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(allStrings);
  if (value && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => (k === "value" ? [] : allStrings(v)));
  return [];
}
