// One room message in, at most one m.notice out (a reply, in the asker's thread if any).
import type { Answer, Core } from "../../core/answer.ts";
import { type RateLimiter, SLOW_DOWN_MESSAGE } from "../../core/rate-limit.ts";
import type { Logger } from "../../log.ts";
import {
  type NoticeContent,
  renderEndOfResults,
  renderMatrixAnswer,
  renderNothingToPage,
  renderText,
} from "../../render/matrix/answer.ts";
import type { AnsweredRequest, RequestObserver } from "../types.ts";
import { summarizeError } from "./errors.ts";
import { classifyEvent } from "./events.ts";
import { Lru } from "./lru.ts";
import { replyRelation } from "./relations.ts";
import { type Sender, txnIdFor } from "./sender.ts";
import { type BotIdentity, findTrigger } from "./triggers.ts";

/** Askers whose last search we remember for "more". */
export const MAX_PAGING_ENTRIES = 1_000;

interface LastSearch {
  readonly query: string;
  readonly nextOffset: number;
  readonly total: number;
}

export interface SeenEvents {
  hasSeen(eventId: string): boolean;
  rememberSeen(eventId: string): void;
}

export interface MessageHandlerDeps {
  readonly core: Core;
  readonly logger: Logger;
  readonly observer: RequestObserver;
  readonly rateLimiter: RateLimiter;
  readonly sender: Sender;
  readonly seen: SeenEvents;
  readonly clock: () => number;
  readonly identity: () => BotIdentity;
  /** Messages sent before this (origin_server_ts, ms) are history, not questions. */
  readonly notBeforeMs: () => number;
  /** Aborts sends when shutdown runs out of patience. */
  readonly signal: AbortSignal;
}

interface Reply {
  readonly message: NoticeContent;
  readonly command: string;
  readonly results: number;
}

const resultCount = (a: Answer): number =>
  a.kind === "results" ? a.total : a.kind === "talk" ? 1 : 0;

export function createMessageHandler(deps: MessageHandlerDeps) {
  const { core, logger: log, sender, seen, clock } = deps;
  const paging = new Lru<string, LastSearch>(MAX_PAGING_ENTRIES);
  // Answers run concurrently (adapter.ts) and an event is remembered as seen only once its
  // answer is out, so the same event delivered twice meanwhile is recognised here.
  const answering = new Set<string>();

  /** The answer to a query; "more" pages this asker's last search in this room. */
  function answer(query: string, pagingKey: string): Reply {
    let result = core.answer(query);
    if (result.kind === "more") {
      const last = paging.get(pagingKey);
      if (!last) return { message: renderNothingToPage(), command: "more", results: 0 };
      if (last.nextOffset >= last.total)
        return { message: renderEndOfResults(last.query, last.total), command: "more", results: 0 };
      result = core.answer(last.query, { offset: last.nextOffset });
    }
    if (result.kind === "results") {
      paging.set(pagingKey, {
        query: result.query,
        nextOffset: result.offset + result.hits.length,
        total: result.total,
      });
    }
    return {
      message: renderMatrixAnswer(result),
      command: result.kind,
      results: resultCount(result),
    };
  }

  /** Metrics must never cost an answer: an observer that throws is only logged. */
  function report(request: Omit<AnsweredRequest, "platform">): void {
    try {
      deps.observer.answered({ platform: "matrix", ...request });
    } catch (e) {
      log.warn(summarizeError(e), "request observer failed");
    }
  }

  return async function handleMessage(roomId: string, raw: unknown): Promise<void> {
    const started = clock();
    const me = deps.identity();
    const classified = classifyEvent(raw, {
      botUserId: me.userId,
      notBeforeMs: deps.notBeforeMs(),
    });
    if (classified.kind === "ignore") return;
    const { event, content } = classified;
    if (seen.hasSeen(event.eventId) || answering.has(event.eventId)) return;
    const trigger = findTrigger(content, me);
    if (trigger === null) return;
    answering.add(event.eventId);

    const ctx = { roomId, eventId: event.eventId, sender: event.sender, trigger: trigger.kind };
    let reply: Reply | null = null;
    try {
      const decision = deps.rateLimiter.take(`${roomId}|${event.sender}`, clock());
      if (decision === "drop") {
        log.debug(ctx, "matrix request dropped by rate limit");
        report({
          command: "rate-limited",
          results: 0,
          latencyMs: clock() - started,
          outcome: "rate-limited",
        });
        return;
      }
      reply =
        decision === "slow-down"
          ? { message: renderText(SLOW_DOWN_MESSAGE), command: "rate-limited", results: 0 }
          : answer(trigger.query, `${roomId}|${event.sender}`);
      await sender.send(
        roomId,
        { ...reply.message, "m.relates_to": replyRelation(event.eventId, content.relation) },
        txnIdFor("reply", roomId, event.eventId),
        deps.signal,
      );
      const latencyMs = clock() - started;
      log.info(
        { ...ctx, command: reply.command, results: reply.results, latencyMs },
        "matrix answered",
      );
      report({
        command: reply.command,
        results: reply.results,
        latencyMs,
        outcome: decision === "slow-down" ? "rate-limited" : "ok",
      });
    } catch (e) {
      log.error({ ...ctx, command: reply?.command, ...summarizeError(e) }, "matrix answer failed");
      report({
        command: "error",
        results: 0,
        latencyMs: clock() - started,
        outcome: "error",
      });
    } finally {
      // Cut short by shutdown: leave it unremembered, like the uncommitted batch it is in.
      if (!deps.signal.aborted) seen.rememberSeen(event.eventId);
      answering.delete(event.eventId);
    }
  };
}
