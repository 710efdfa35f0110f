// Is this message addressed to the bot, and if so, what is the question? Pure.
//
// Trigger forms, strongest first:
//   !virt QUERY                      the command prefix; works everywhere, always
//   "virt-talks: QUERY" / "Virt Talks, QUERY": localpart or display name at the very start,
//                                    followed by ":" or ","; addressing, like the prefix, so it
//                                    works whatever m.mentions says. Mid-sentence it is not.
//   m.mentions.user_ids has the bot  intentional mention (spec v1.7); authoritative when the
//                                    m.mentions field is present: present without the bot
//                                    means no pill or user id in the text is a mention
// and for legacy clients that send no m.mentions:
//   a pill (matrix.to or matrix: link to the bot) in formatted_body
//   the bot's full user id anywhere in the body
// The query is the text after the trigger, passed on unchanged; empty means help.

import { BANG_COMMAND } from "../../core/address.ts";
import { decodeBasicEntities } from "../../render/matrix/html.ts";
import type { MessageContent } from "./events.ts";

const COMMAND_PREFIX = BANG_COMMAND;

export interface MatrixIdentity {
  readonly userId: string;
  /** The global display name, when the profile has one. */
  readonly displayName: string | null;
}

type TriggerKind = "command" | "mention" | "pill" | "user-id" | "name";

interface Trigger {
  readonly kind: TriggerKind;
  readonly query: string;
}

/** "@virt-talks:example.org" → "virt-talks". */
export function localpartOf(userId: string): string {
  const colon = userId.indexOf(":");
  return userId.slice(userId.startsWith("@") ? 1 : 0, colon < 0 ? undefined : colon);
}

/** "@virt-talks:example.org:8448" → "example.org:8448"; null if there is no server part. */
export function serverOf(id: string): string | null {
  const colon = id.indexOf(":");
  return colon < 0 || colon === id.length - 1 ? null : id.slice(colon + 1).toLowerCase();
}

const COMMAND = new RegExp(`^${COMMAND_PREFIX}(?![\\p{L}\\p{N}_-])`, "iu");
const WORD_CHAR = /[\p{L}\p{N}_-]/u;

/**
 * Drops a rich-reply fallback ("> <@alice:hs> quoted\n> lines\n\n") from the start of a
 * reply's body, so a quoted question (or a quoted mention) does not trigger us again.
 * Spec v1.13 removed fallbacks, but older clients still send them.
 */
export function stripReplyFallback(body: string): string {
  if (!body.startsWith("> <")) return body;
  const lines = body.split("\n");
  let i = 0;
  while (i < lines.length && lines[i]!.startsWith(">")) i++;
  if (i < lines.length && lines[i] === "") i++;
  return lines.slice(i).join("\n");
}

function stripMxReply(html: string): string {
  const start = html.indexOf("<mx-reply>");
  if (start < 0) return html;
  const end = html.indexOf("</mx-reply>", start);
  return end < 0 ? html : html.slice(0, start) + html.slice(end + "</mx-reply>".length);
}

/** The user id a pill link points to (matrix.to or matrix: URI), or null. */
function pillTarget(href: string): string | null {
  const url = decodeBasicEntities(href.trim());
  let target: string | null = null;
  const matrixTo = /^https:\/\/matrix\.to\/#\/([^?]*)/i.exec(url);
  if (matrixTo) target = matrixTo[1]!;
  const matrixUri = /^matrix:u\/([^?]*)/i.exec(url);
  if (matrixUri) target = `@${matrixUri[1]}`;
  if (target === null) return null;
  try {
    target = decodeURIComponent(target);
  } catch {
    return null;
  }
  return target.startsWith("@") ? target : null;
}

/**
 * The link texts of the pills in `html` that point to `userId`. Scans with indexOf so a
 * hostile formatted_body full of unclosed tags stays linear.
 */
export function pillTexts(html: string, userId: string): string[] {
  const lower = html.toLowerCase();
  const texts: string[] = [];
  let pos = 0;
  for (;;) {
    const open = lower.indexOf("<a", pos);
    if (open < 0) break;
    const next = lower[open + 2];
    if (next !== undefined && next !== ">" && !/\s/.test(next)) {
      pos = open + 2; // <abbr>, <address>...
      continue;
    }
    const tagEnd = lower.indexOf(">", open);
    if (tagEnd < 0) break;
    const close = lower.indexOf("</a", tagEnd);
    if (close < 0) break; // no later anchor can be closed either
    const attrs = html.slice(open + 2, tagEnd);
    const href = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(attrs);
    const target = href ? pillTarget(href[1] ?? href[2] ?? href[3] ?? "") : null;
    if (target === userId) {
      const text = decodeBasicEntities(
        html.slice(tagEnd + 1, close).replace(/<[^>]*>/g, ""),
      ).trim();
      texts.push(text);
    }
    pos = close + 3;
  }
  return texts;
}

/** Whether `body[index]` could end a mention: no word character right after it. */
function endsCleanly(body: string, end: number, isUserId: boolean): boolean {
  const next = body[end];
  if (next === undefined) return true;
  if (WORD_CHAR.test(next)) return false;
  if (isUserId) {
    // "@bot:example.org.uk" and "@bot:example.org:8448" are other users.
    const after = body[end + 1] ?? "";
    if (next === "." && /[\p{L}\p{N}]/u.test(after)) return false;
    if (next === ":" && /\p{N}/u.test(after)) return false;
  }
  return true;
}

/** Index just past the earliest clean occurrence of any candidate, or -1. */
function endOfEarliest(body: string, candidates: readonly string[], userId: string): number {
  const lower = body.toLowerCase();
  let best = { start: Number.POSITIVE_INFINITY, end: -1 };
  for (const candidate of candidates) {
    if (!candidate) continue;
    const needle = candidate.toLowerCase();
    for (let from = 0; ; ) {
      const i = lower.indexOf(needle, from);
      if (i < 0) break;
      const startsCleanly = i === 0 || !WORD_CHAR.test(body[i - 1]!);
      const end = i + needle.length;
      if (startsCleanly && endsCleanly(body, end, candidate === userId)) {
        if (i < best.start || (i === best.start && end > best.end)) best = { start: i, end };
        break;
      }
      from = i + 1;
    }
  }
  return best.end;
}

/** The text after the address: "virt-talks: numa" → "numa" (and "virt-talks: !virt numa" too). */
function after(body: string, end: number): string {
  const rest = body.slice(end).replace(/^\s*[:,]?\s*/u, "");
  const command = COMMAND.exec(rest);
  return (command ? rest.slice(command[0].length) : rest).trim();
}

/** "virt-talks: numa" at the very start of the body, by localpart or display name. */
function nameAddressEnd(body: string, names: readonly string[]): number {
  const text = body.trimStart();
  const lead = body.length - text.length + (text.startsWith("@") ? 1 : 0);
  const lower = body.toLowerCase();
  for (const name of names) {
    if (!name) continue;
    if (!lower.startsWith(name.toLowerCase(), lead)) continue;
    const end = lead + name.length;
    const sep = /^\s*[:,]/u.exec(body.slice(end));
    if (!sep) continue;
    // "@virt-talks:other.org ..." is someone else's user id, not an address.
    if (lead > 0 && body[lead - 1] === "@" && sep[0] === ":" && /\S/u.test(body[end + 1] ?? " "))
      continue;
    return end + sep[0].length;
  }
  return -1;
}

export function findTrigger(content: MessageContent, bot: MatrixIdentity): Trigger | null {
  if (content.body === null) return null;
  const isReply = content.relation?.inReplyTo != null;
  const body = isReply ? stripReplyFallback(content.body) : content.body;
  const html =
    content.formattedBody === null
      ? null
      : isReply
        ? stripMxReply(content.formattedBody)
        : content.formattedBody;

  const trimmed = body.trimStart();
  const command = COMMAND.exec(trimmed);
  if (command) return { kind: "command", query: trimmed.slice(command[0].length).trim() };

  const localpart = localpartOf(bot.userId);
  const names = [bot.displayName ?? "", localpart].filter((n) => n.trim() !== "");
  const pills = html === null ? [] : pillTexts(html, bot.userId);

  // "virt-talks: numa" typed at the start is addressing the bot, like IRC: command
  // syntax, not a ping. Clients such as Element send "m.mentions": {} with every
  // message that has no pill, so m.mentions must not veto it.
  const addressEnd = pills.length === 0 ? nameAddressEnd(body, names) : -1;
  if (addressEnd >= 0) return { kind: "name", query: after(body, addressEnd) };

  if (content.mentionedUserIds !== null) {
    if (!content.mentionedUserIds.includes(bot.userId)) return null;
    // A reply to one of our answers mentions us without naming us: the whole body is the query.
    const end = endOfEarliest(body, [bot.userId, ...pills, ...names], bot.userId);
    return { kind: "mention", query: end < 0 ? body.trim() : after(body, end) };
  }
  if (pills.length > 0) {
    const end = endOfEarliest(body, [bot.userId, ...pills], bot.userId);
    return { kind: "pill", query: end < 0 ? body.trim() : after(body, end) };
  }
  const idEnd = endOfEarliest(body, [bot.userId], bot.userId);
  if (idEnd >= 0) return { kind: "user-id", query: after(body, idEnd) };
  return null;
}
