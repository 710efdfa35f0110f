// Did an event's answer reach Slack? The same question the daily post asks after a crash
// (find-post.ts), asked by a replica taking over an event whose holder died: the holder
// may have been killed after chat.postMessage returned and before it marked the event
// done, and answering again would answer twice. So every answer to an event carries the
// event's id in Slack message metadata, and a takeover first looks where that answer
// would be: the thread of a mention (conversations.replies), the channel itself
// (conversations.history: a DM answer, or a mention's subscription confirmation, which
// goes to the channel for everyone), in both cases only after the event's own ts.
// Ephemeral notes (a refusal told to the asker alone) are not kept by Slack and cannot be
// found: such a takeover tells the asker again.
import type { PostLookup } from "../../core/post-port.ts";
import { carriesOurMetadata, HISTORY_PAGE_SIZE, scanPages } from "./find-post.ts";
import type { BotIdentity, HistoryMessage, MessageMetadata, SlackApi } from "./web-client.ts";

/** The metadata event type of an answer to an event (alphanumeric and underscores). */
export const ANSWER_EVENT_TYPE = "virt_talks_answer";

/** The Bolt context key under which the dedupe middleware names the event being answered. */
export const ANSWERING_KEY = "virtTalksAnsweringEvent";

/** The event a delivery answers, as the dedupe middleware hands it to the listeners. */
export interface Answering {
  readonly eventId: string;
  /** Answered without a claim (the state store was away): another replica may answer too. */
  readonly unclaimed: boolean;
  /** The ts of every message the listener posted as the answer (for unclaimed-answers.ts). */
  readonly sent: string[];
}

/** The metadata an answer to `eventId` is posted with; an unclaimed answer says so. */
export function answerMetadata(eventId: string, unclaimed = false): MessageMetadata {
  return {
    event_type: ANSWER_EVENT_TYPE,
    event_payload: { event_id: eventId, ...(unclaimed ? { unclaimed: "true" } : {}) },
  };
}

/** The event answered in this Bolt context, if the dedupe middleware named one. */
export function answeringIn(context: Record<string, unknown>): Answering | undefined {
  const answering = context[ANSWERING_KEY] as Answering | undefined;
  return typeof answering?.eventId === "string" ? answering : undefined;
}

/** The metadata for a post answering the event in this Bolt context, if it names one. */
export function answerMetadataIn(context: Record<string, unknown>): MessageMetadata | undefined {
  const answering = answeringIn(context);
  return answering ? answerMetadata(answering.eventId, answering.unclaimed) : undefined;
}

/** Notes a posted answer's ts in the context's Answering (nothing without one). */
export function noteAnswerSent(context: Record<string, unknown>, ts: string): void {
  if (ts) answeringIn(context)?.sent.push(ts);
}

/** Where an event's answer would be, read from its Events API body; null: none to find. */
export function answerPlace(
  body: Readonly<Record<string, unknown>>,
): { channel: string; ts: string; threadTs: string | undefined } | null {
  const event = body.event as Record<string, unknown> | undefined;
  if (typeof event !== "object" || event === null) return null;
  const { type, channel, ts, thread_ts: threadTs, channel_type: channelType } = event;
  if (typeof channel !== "string" || typeof ts !== "string") return null;
  // A mention is answered in its thread (or the channel); a DM in the DM, unthreaded.
  if (type === "app_mention")
    return { channel, ts, threadTs: typeof threadTs === "string" ? threadTs : ts };
  if (type === "message" && channelType === "im") return { channel, ts, threadTs: undefined };
  return null; // no message of ours answers it (membership, link previews)
}

interface FindAnswerArgs {
  readonly api: Pick<SlackApi, "history" | "replies">;
  /** Who "our bot" is (auth.test); rejects while Slack cannot be asked. */
  readonly identity: () => Promise<BotIdentity>;
  readonly eventId: string;
  readonly body: Readonly<Record<string, unknown>>;
}

/**
 * Looks for our answer to the event: "found", "absent" (answering is safe), "unavailable"
 * (Slack refuses the read: missing scope, not in the channel, too much to read); a failure
 * that may pass (429 after retries, 5xx, timeout) is thrown.
 */
export async function findAnswer(args: FindAnswerArgs): Promise<PostLookup> {
  const bot = await args.identity();
  return readAnswerPlaces(args, (m) =>
    carriesOurMetadata(m, bot, ANSWER_EVENT_TYPE, "event_id", args.eventId),
  );
}

/** One of our answers to an event, as history shows it. */
export interface SeenAnswer {
  readonly ts: string;
  /** Posted without a claim (its metadata says unclaimed). */
  readonly unclaimed: boolean;
}

/**
 * Every answer of ours to the event, oldest first, or null when Slack refuses the read;
 * a failure that may pass is thrown.
 */
export async function listAnswers(args: FindAnswerArgs): Promise<SeenAnswer[] | null> {
  const bot = await args.identity();
  const seen = new Map<string, SeenAnswer>();
  // A matcher that never matches reads every page, collecting on the way.
  const read = await readAnswerPlaces(args, (m) => {
    if (carriesOurMetadata(m, bot, ANSWER_EVENT_TYPE, "event_id", args.eventId)) {
      const payload = m.metadata?.payload as { unclaimed?: unknown } | undefined;
      seen.set(m.ts, { ts: m.ts, unclaimed: payload?.unclaimed === "true" });
    }
    return false;
  });
  if (read.kind === "unavailable") return null;
  return [...seen.values()].sort((a, b) => compareTs(a.ts, b.ts));
}

/** Slack timestamps ("seconds.micros") in time order. */
export function compareTs(a: string, b: string): number {
  const [as = "", am = ""] = a.split(".");
  const [bs = "", bm = ""] = b.split(".");
  return Number(as) - Number(bs) || Number(am.padEnd(6, "0")) - Number(bm.padEnd(6, "0"));
}

/** Scans where the event's answer would be (its thread, then the channel) for `matches`. */
async function readAnswerPlaces(
  args: FindAnswerArgs,
  matches: (message: HistoryMessage) => boolean,
): Promise<PostLookup> {
  const place = answerPlace(args.body);
  if (!place) return { kind: "absent" };
  const page = { oldest: place.ts, limit: HISTORY_PAGE_SIZE };
  if (place.threadTs) {
    const inThread = await scanPages(
      (cursor) =>
        args.api.replies({
          channel: place.channel,
          ts: place.threadTs!,
          ...page,
          ...(cursor ? { cursor } : {}),
        }),
      matches,
      "the question",
    );
    if (inThread.kind !== "absent") return inThread;
  }
  return scanPages(
    (cursor) =>
      args.api.history({ channel: place.channel, ...page, ...(cursor ? { cursor } : {}) }),
    matches,
    "the question",
  );
}
