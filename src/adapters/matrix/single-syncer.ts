// One Matrix syncer among replicas. A Matrix account may be synced by one process only, or
// every command is answered by each. With DATABASE_URL every replica has this in place of
// the adapter: while it holds the "matrix-sync" lease it runs a Matrix adapter of its own
// (a fresh one per term), otherwise it stands by and never calls /sync. The term's adapter
// keeps its sync token in a store fenced by the lease's epoch, asks the lease before every
// /sync and every send, and answers what the stored token replays (up to 10 minutes old,
// even from before this replica started), skipping questions the replay shows our reply
// to (replied.ts); a replayed answer also reuses its transaction id.

import type { MembershipChange } from "../../core/platform.ts";
import { DeliveryError, type PostPort } from "../../core/post-port.ts";
import type { SingleHolder } from "../../core/single-holder.ts";
import type { Logger } from "../../log.ts";
import type { MatrixAdapterOptions, MatrixChatAdapter } from "./adapter-options.ts";

/**
 * A send goes out only if the lease holds this much longer by our own clock: a send that
 * starts just before the lease ends could otherwise still arrive after a takeover.
 */
const SEND_MARGIN_MS = 1_000;

/**
 * How old a replayed message may be and still be answered by a new syncer: replicas
 * replaced one after another (a deploy) can leave a gap of a minute or more; an answer
 * much later than that would puzzle the room more than help it.
 */
const TAKEOVER_CATCH_UP_MS = 10 * 60_000;

export function createSingleSyncer(
  holder: SingleHolder,
  /** A Matrix adapter for one term, built with the options the lease adds. */
  makeAdapter: (extra: MatrixAdapterOptions) => MatrixChatAdapter,
  logger: Logger,
  clock: () => number = Date.now,
): MatrixChatAdapter {
  const log = logger.child({ adapter: "matrix" });
  const members = new Set<(change: MembershipChange) => void>();
  let current: MatrixChatAdapter | null = null;
  let startedAt = 0;
  let startError: string | null = null;
  let stopped = false;
  let unlisten = () => {};
  /** Terms begin and end one after the other, never overlapping. */
  let turns: Promise<void> = Promise.resolve();
  /** The syncer's post port; a standby's sends are refused as not sent (retried later). */
  const syncerPost = (): PostPort =>
    current?.post ?? {
      capabilities: { resendsSafely: true, canFindPost: true },
      postCard: () => notSent("this replica is a Matrix standby; the syncer posts"),
      findPost: () => notSent("this replica is a Matrix standby; the syncer looks"),
      postWatchAlert: () => notSent("this replica is a Matrix standby; the syncer posts"),
    };

  const beginTerm = async () => {
    const adapter = makeAdapter({
      notBeforeMs: startedAt,
      // A young standby taking over still answers what the dead syncer left: the replay
      // from the stored token holds it (questions already answered there are skipped).
      catchUpMs: TAKEOVER_CATCH_UP_MS,
      syncStore: holder.fencedStore,
      assertSyncer: () => void holder.assertHeld(SEND_MARGIN_MS),
    });
    adapter.onMembership((change) => {
      for (const listener of members) listener(change);
    });
    current = adapter;
    log.info({ epoch: holder.epoch() }, "matrix: this replica is the syncer");
    try {
      await adapter.start();
      startError = null;
    } catch (err) {
      // A rejected token: no replica can sync with it; health says so.
      startError = (err as Error).message;
    }
  };

  const endTerm = async (adapter: MatrixChatAdapter) => {
    current = null;
    log.warn("matrix: syncer lease lost; stopping sync and standing by");
    await adapter.stop();
  };

  const follow = () => {
    turns = turns.then(async () => {
      const syncer = !stopped && holder.role() === "holder";
      if (syncer && !current) await beginTerm();
      else if (!syncer && current) await endTerm(current);
    });
    return turns;
  };

  return {
    platform: "matrix",
    async start() {
      startedAt = clock();
      unlisten = holder.onChange(() => void follow());
      await follow();
    },
    async stop() {
      stopped = true;
      unlisten();
      await follow();
    },
    health() {
      if (startError) return { state: "down", detail: startError };
      if (current) return current.health();
      if (stopped) return { state: "stopped" };
      return { state: "up", detail: "standby: another replica syncs" };
    },
    onMembership(listener) {
      members.add(listener);
      return () => members.delete(listener);
    },
    post: {
      capabilities: { resendsSafely: true, canFindPost: true },
      postCard(destination, card, idempotencyKey) {
        return syncerPost().postCard(destination, card, idempotencyKey);
      },
      findPost(destination, idempotencyKey, since) {
        const post = syncerPost();
        if (!post.findPost) return notSent("the Matrix adapter cannot look for its posts");
        return post.findPost(destination, idempotencyKey, since);
      },
      postWatchAlert(destination, alert, idempotencyKey) {
        const post = syncerPost();
        if (!post.postWatchAlert) return notSent("the Matrix adapter cannot post watch alerts");
        return post.postWatchAlert(destination, alert, idempotencyKey);
      },
    },
  };
}

/** A send that provably did not go out: the daily post and the alerts retry it later. */
function notSent(detail: string): Promise<never> {
  return Promise.reject(new DeliveryError({ kind: "not-sent", detail }));
}
