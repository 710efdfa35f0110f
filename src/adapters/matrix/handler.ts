// One room message in, at most one m.notice out (a reply, in the asker's thread if any).
// The conversation turn (src/core/turn.ts) owns rate limiting, paging and counts; this
// only decides whether a message is a question for us, renders the reply and sends it.
import { LRUCache } from "lru-cache";
import type { RequestObserver } from "../../core/adapter.ts";
import type { Asker } from "../../core/platform.ts";
import { answerRequest } from "../../core/respond.ts";
import type { ConversationTurn } from "../../core/turn.ts";
import type { Logger } from "../../log.ts";
import { renderMatrixAnswer } from "../../render/matrix/answer.ts";
import { summarizeError } from "./errors.ts";
import { classifyEvent } from "./events.ts";
import { replyRelation } from "./relations.ts";
import { refusedBeforeSending, type Sender, txnIdFor } from "./sender.ts";
import { findTrigger, localpartOf, type MatrixIdentity } from "./triggers.ts";

/** Handled event ids remembered, so an event delivered twice is answered once. */
const MAX_SEEN_EVENTS = 2_000;

interface MessageHandlerDeps {
  readonly turn: ConversationTurn;
  readonly logger: Logger;
  readonly observer: RequestObserver;
  readonly sender: Sender;
  readonly clock: () => number;
  readonly identity: () => MatrixIdentity;
  /** The asker's permissions in the room, asked only by commands that need them. */
  readonly asker: (roomId: string, userId: string) => Asker;
  /** Messages sent before this (origin_server_ts, ms) are history, not questions. */
  readonly notBeforeMs: () => number;
  /** Aborts sends when shutdown runs out of patience. */
  readonly signal: AbortSignal;
  /** Whether the room is end-to-end encrypted (encryption.ts): no answer goes there. */
  readonly isEncrypted: (roomId: string) => Promise<boolean>;
}

/** How help examples address the bot: its display name, else its localpart. */
const addressOf = (me: MatrixIdentity) => me.displayName ?? localpartOf(me.userId);

export function createMessageHandler(deps: MessageHandlerDeps) {
  const { logger: log, sender, clock } = deps;
  // In memory only: a batch is committed after its answers are out, so a restart never
  // replays an answered event except after a crash, where the reply's txnId dedupes it.
  const seen = new LRUCache<string, true>({ max: MAX_SEEN_EVENTS });
  // Answers run concurrently (sync-wiring.ts) and an event is remembered as seen only once
  // its answer is out, so the same event delivered twice meanwhile is recognised here.
  const answering = new Set<string>();

  const answered = {
    platform: "matrix",
    clock,
    observer: deps.observer,
    // Metrics must never cost an answer: an observer that throws is only logged.
    onObserverError: (e: unknown) => log.warn(summarizeError(e), "request observer failed"),
  } as const;

  /** "retry": the answer was held back by the lease check; the batch must be synced again. */
  async function handleMessage(roomId: string, raw: unknown): Promise<"retry" | undefined> {
    const me = deps.identity();
    const classified = classifyEvent(raw, {
      botUserId: me.userId,
      notBeforeMs: deps.notBeforeMs(),
    });
    if (classified.kind === "ignore") return;
    const { event, content } = classified;
    if (seen.has(event.eventId) || answering.has(event.eventId)) return;
    const trigger = findTrigger(content, me);
    if (trigger === null) return;
    // Marked before the first await: the same event delivered twice at once is handled once.
    answering.add(event.eventId);
    // A plain-text question in an encrypted room (a bridge, a client without crypto): an
    // answer would be the room's only plain text after its notice said none would come.
    if (await deps.isEncrypted(roomId)) {
      answering.delete(event.eventId);
      log.info(
        { roomId, eventId: event.eventId },
        "matrix question in an encrypted room not answered",
      );
      return;
    }

    const ctx = { roomId, eventId: event.eventId, sender: event.sender, trigger: trigger.kind };
    let command: string | undefined;
    let heldBack = false;
    try {
      await answerRequest(answered, {
        async ask(startedAt) {
          const turn = await deps.turn.handle({
            platform: "matrix",
            // The room, also inside a thread: subscription commands name the room they are
            // typed in, and "more" pages the asker's last search in that room as before.
            conversation: roomId,
            user: event.sender,
            text: trigger.query,
            now: startedAt,
            asker: deps.asker(roomId, event.sender),
          });
          command = turn.outcome.command;
          return turn;
        },
        render: (reply) => ({
          ...renderMatrixAnswer(reply, { address: addressOf(me) }),
          "m.relates_to": replyRelation(event.eventId, content.relation),
        }),
        async send(message) {
          await sender.send(roomId, message, txnIdFor("reply", roomId, event.eventId), deps.signal);
          // The observer writes the one info line per answer (as for Slack); the room and
          // event ids are for debugging only.
          if (log.isLevelEnabled("debug")) log.debug({ ...ctx, command }, "matrix answered");
        },
      });
    } catch (e) {
      // Refused by the lease check (a renewal late under load, or the lease lost): not an
      // answer that failed but one that never went out. Committing its batch would lose the
      // question, so it stays unremembered and the batch is synced again.
      heldBack = refusedBeforeSending(e);
      if (heldBack)
        log.warn({ ...ctx, command }, "matrix answer held back: the syncer lease is in doubt");
      else log.error({ ...ctx, command, ...summarizeError(e) }, "matrix answer failed");
    } finally {
      // Cut short by shutdown: leave it unremembered, like the uncommitted batch it is in.
      if (!deps.signal.aborted && !heldBack) seen.set(event.eventId, true);
      answering.delete(event.eventId);
    }
    return heldBack ? "retry" : undefined;
  }

  return Object.assign(handleMessage, {
    /** Questions a replayed batch shows our reply to (replied.ts): never answered again. */
    markAnswered(eventIds: Iterable<string>): void {
      for (const id of eventIds) if (!answering.has(id)) seen.set(id, true);
    },
  });
}
