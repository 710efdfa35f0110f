// Which questions a /sync batch shows as already answered by us. After a crash or a syncer
// takeover, the batch replayed from the stored token can hold both a question and our own
// reply to it: the old process answered, then died before it wrote the token (it is
// written about once a second, after the batch's answers are out). The reply names the
// question in `m.relates_to.m.in_reply_to`, so the new process skips that question
// instead of sending the answer again and leaning on the homeserver's txnId dedupe, which
// holds only for a while and only for the same access token's device (issue #22: "two
// replicas sending the same reply count as doubled even if the homeserver drops one").
// Pure: it reads the raw batch, which is untyped JSON from the homeserver.

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null;

/** The event id our own message `raw` answers, or null. */
function answeredBy(raw: unknown, botUserId: string): string | null {
  if (!isObject(raw) || raw.sender !== botUserId || raw.type !== "m.room.message") return null;
  const content = raw.content;
  if (!isObject(content)) return null;
  const relation = content["m.relates_to"];
  if (!isObject(relation)) return null;
  const reply = relation["m.in_reply_to"];
  if (!isObject(reply) || typeof reply.event_id !== "string") return null;
  return reply.event_id;
}

/** Ids of the questions our own replies in this batch answer, in every joined room. */
export function repliedTo(batch: unknown, botUserId: string): Set<string> {
  const ids = new Set<string>();
  if (!botUserId || !isObject(batch)) return ids;
  const rooms = batch.rooms;
  const join = isObject(rooms) ? rooms.join : undefined;
  if (!isObject(join)) return ids;
  for (const room of Object.values(join)) {
    const timeline = isObject(room) ? room.timeline : undefined;
    const events = isObject(timeline) ? timeline.events : undefined;
    if (!Array.isArray(events)) continue;
    for (const event of events) {
      const id = answeredBy(event, botUserId);
      if (id !== null) ids.add(id);
    }
  }
  return ids;
}
