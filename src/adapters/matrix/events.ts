// The edge where the SDK's `any` events become typed values. Pure.
import { z } from "zod";

/** Longest body we look at: the core refuses more than 300 characters anyway. */
export const MAX_BODY_CHARS = 4_000;
/** Longest formatted_body we scan for pills. */
const MAX_FORMATTED_CHARS = 16_000;

const RoomEventSchema = z.object({
  type: z.string(),
  event_id: z.string().min(1),
  sender: z.string().min(1),
  origin_server_ts: z.number(),
  content: z.record(z.string(), z.unknown()),
});

interface RoomEvent {
  readonly type: string;
  readonly eventId: string;
  readonly sender: string;
  readonly ts: number;
  readonly content: Readonly<Record<string, unknown>>;
}

/** A room event with the fields every event has, or null if it lacks them. */
export function parseRoomEvent(raw: unknown): RoomEvent | null {
  const parsed = RoomEventSchema.safeParse(raw);
  if (!parsed.success) return null;
  const e = parsed.data;
  return {
    type: e.type,
    eventId: e.event_id,
    sender: e.sender,
    ts: e.origin_server_ts,
    content: e.content,
  };
}

/**
 * The inviter of a room.invite event. Only `sender` is required: an invite may reach us as
 * stripped state, which has no event id or timestamp.
 */
export function parseInviter(raw: unknown): string | null {
  const parsed = z.object({ sender: z.string().min(1) }).safeParse(raw);
  return parsed.success ? parsed.data.sender : null;
}

export interface Relation {
  readonly relType: string | null;
  /** The related event: the thread root for m.thread, the original for m.replace. */
  readonly eventId: string | null;
  readonly inReplyTo: string | null;
}

export interface MessageContent {
  readonly msgtype: string | null;
  /** Capped at MAX_BODY_CHARS; null when missing or not a string. */
  readonly body: string | null;
  /** Only when format is org.matrix.custom.html; capped at MAX_FORMATTED_CHARS. */
  readonly formattedBody: string | null;
  /** null when the event has no m.mentions field (a legacy client); else the mentioned user ids. */
  readonly mentionedUserIds: readonly string[] | null;
  readonly relation: Relation | null;
}

const str = (v: unknown): string | null => (typeof v === "string" ? v : null);
const obj = (v: unknown): Record<string, unknown> | null =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

export function parseMessageContent(content: Readonly<Record<string, unknown>>): MessageContent {
  const body = str(content.body);
  const formatted =
    content.format === "org.matrix.custom.html" ? str(content.formatted_body) : null;
  const mentions = obj(content["m.mentions"]);
  const userIds = mentions && Array.isArray(mentions.user_ids) ? mentions.user_ids : [];
  const rel = obj(content["m.relates_to"]);
  return {
    msgtype: str(content.msgtype),
    body: body === null ? null : body.slice(0, MAX_BODY_CHARS),
    formattedBody: formatted === null ? null : formatted.slice(0, MAX_FORMATTED_CHARS),
    mentionedUserIds: mentions ? userIds.filter((u): u is string => typeof u === "string") : null,
    relation: rel
      ? {
          relType: str(rel.rel_type),
          eventId: str(rel.event_id),
          inReplyTo: str(obj(rel["m.in_reply_to"])?.event_id),
        }
      : null,
  };
}

type IgnoreReason =
  | "not-a-message"
  | "own"
  | "notice"
  | "not-text"
  | "edit"
  | "no-body"
  | "before-start";

type Classified =
  | { readonly kind: "ignore"; readonly reason: IgnoreReason }
  | { readonly kind: "message"; readonly event: RoomEvent; readonly content: MessageContent };

interface ClassifyContext {
  readonly botUserId: string;
  /** Events with origin_server_ts before this (ms) were sent before the bot started. */
  readonly notBeforeMs: number;
}

/**
 * Which events are questions for us at all. Redactions are not m.room.message; a redacted
 * message has no body; edits (m.replace) repeat a question we already saw.
 */
export function classifyEvent(raw: unknown, ctx: ClassifyContext): Classified {
  const event = parseRoomEvent(raw);
  if (event?.type !== "m.room.message") return { kind: "ignore", reason: "not-a-message" };
  if (event.sender === ctx.botUserId) return { kind: "ignore", reason: "own" };
  const content = parseMessageContent(event.content);
  // Other bots answer with notices; never answering one rules out bot-to-bot loops.
  if (content.msgtype === "m.notice") return { kind: "ignore", reason: "notice" };
  if (content.relation?.relType === "m.replace") return { kind: "ignore", reason: "edit" };
  if (content.body === null) return { kind: "ignore", reason: "no-body" };
  if (content.msgtype !== "m.text") return { kind: "ignore", reason: "not-text" };
  // matrix-bot-sdk hands over the first sync's timeline (history) too.
  if (event.ts < ctx.notBeforeMs) return { kind: "ignore", reason: "before-start" };
  return { kind: "message", event, content };
}
