// What the Matrix adapter can be tuned with (tests shorten every wait), and what it offers
// the wiring beyond the ChatAdapter contract.
import type { PostingChatAdapter } from "../../core/adapter.ts";
import type { MembershipChange } from "../../core/platform.ts";
import type { RetryPolicy } from "../../core/retry.ts";
import type { StateStore } from "../../core/state-store.ts";
import type { SyncOptions } from "./sync-loop.ts";

export interface MatrixAdapterOptions {
  /** Wall clock in ms; decides which messages predate the start. */
  readonly clock?: () => number;
  readonly random?: () => number;
  readonly sync?: Partial<SyncOptions>;
  /** Sends (replies, cards, notices): attempts, backoff, waits, patience while unreachable. */
  readonly send?: Partial<RetryPolicy> & { readonly requestTimeoutMs?: number };
  /** Joins, leaves, alias lookups, and start-up while the homeserver is away. */
  readonly retry?: Partial<RetryPolicy>;
  /** Messages sent up to this long before start() are still answered (default 0). */
  readonly startGraceMs?: number;
  /** How long stop() lets answers in flight finish before cutting them off (default 5 s). */
  readonly stopTimeoutMs?: number;
  /**
   * With a stored sync token, messages up to this much older than the start are answered
   * too: a syncer taking over (single-syncer.ts) replays what the old one left unanswered,
   * even when this process started after those messages were sent.
   */
  readonly catchUpMs?: number;
  /** Messages sent before this wall-clock time are not answered (overrides startGraceMs). */
  readonly notBeforeMs?: number;
  /**
   * Throws unless this process may still sync and send (the lease of single-syncer.ts):
   * asked before every /sync request and every send attempt.
   */
  readonly assertSyncer?: () => void;
  /** Where the sync token and filter live (a fenced store with replicas); deps.state otherwise. */
  readonly syncStore?: StateStore;
}

/** The Matrix adapter, plus what the wiring may listen to. */
export interface MatrixChatAdapter extends PostingChatAdapter {
  /**
   * Calls `listener` when the bot joins a room on an invite or leaves one (kicked, banned,
   * left): the daily post resumes or pauses that room's subscription.
   */
  onMembership(listener: (change: MembershipChange) => void): () => void;
}

export const ROOM_RETRY_DEFAULTS = Object.freeze({
  attempts: 5,
  backoff: Object.freeze({ initialMs: 1_000, maxMs: 30_000 }),
  maxWaitMs: 30_000,
  idempotent: true,
}) satisfies RetryPolicy;
