// How an answer relates to the question. Pure. Built by hand to the current spec (v1.13+):
// a reply is only `m.in_reply_to`, with no quoted fallback in body and no <mx-reply> in
// formatted_body — the SDK's RichReply helper still adds both, so it is not used.
import type { Relation } from "./events.ts";

type ReplyRelation =
  | { readonly "m.in_reply_to": { readonly event_id: string } }
  | {
      readonly rel_type: "m.thread";
      readonly event_id: string;
      readonly is_falling_back: false;
      readonly "m.in_reply_to": { readonly event_id: string };
    };

/** The thread root a question was asked under, or null outside threads. */
function threadRootOf(asked: Relation | null): string | null {
  return asked?.relType === "m.thread" && asked.eventId ? asked.eventId : null;
}

/**
 * A reply to the asking event; in the asker's thread when the question was asked in one.
 * `is_falling_back: false`: the in-reply-to is a real reply to that question (spec
 * "Threading"), so thread-aware clients show the answer as a reply to it, not only as the
 * latest message of the thread.
 */
export function replyRelation(askingEventId: string, asked: Relation | null): ReplyRelation {
  const root = threadRootOf(asked);
  if (root !== null) {
    return {
      rel_type: "m.thread",
      event_id: root,
      is_falling_back: false,
      "m.in_reply_to": { event_id: askingEventId },
    };
  }
  return { "m.in_reply_to": { event_id: askingEventId } };
}
