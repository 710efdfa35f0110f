// How an answer relates to the question. Pure. Built by hand to the current spec (v1.13+):
// a reply is only `m.in_reply_to`, with no quoted fallback in body and no <mx-reply> in
// formatted_body — the SDK's RichReply helper still adds both, so it is not used.
import type { Relation } from "./events.ts";

export type ReplyRelation =
  | { readonly "m.in_reply_to": { readonly event_id: string } }
  | {
      readonly rel_type: "m.thread";
      readonly event_id: string;
      readonly is_falling_back: true;
      readonly "m.in_reply_to": { readonly event_id: string };
    };

/**
 * A reply to the asking event; in the asker's thread when the question was asked in one,
 * with `is_falling_back` so thread-unaware clients still show it as a reply to the question.
 */
export function replyRelation(askingEventId: string, asked: Relation | null): ReplyRelation {
  if (asked?.relType === "m.thread" && asked.eventId) {
    return {
      rel_type: "m.thread",
      event_id: asked.eventId,
      is_falling_back: true,
      "m.in_reply_to": { event_id: askingEventId },
    };
  }
  return { "m.in_reply_to": { event_id: askingEventId } };
}
