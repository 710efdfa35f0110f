// Claims: several replicas sharing one state store (DATABASE_URL) and doing the same work
// (the daily post) take turns per key. A replica claims a key (a destination), reads the
// key's value fresh from the store, acts, writes, and releases. A claim is a short lease:
// one left by a dead or paused replica lapses and is taken over, and every write under it
// is refused once it has lapsed (checked with the write, in the database). A send to a
// chat platform cannot be checked that way, so it asks held() right before: decided on
// this process's own clock, so a replica woken from a SIGSTOP finds its claim over.
// Kept in core so src/totd depends on the contract; src/persist/claims.ts implements it
// on PostgreSQL. A lone process on the file store has no claims (and needs none).
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";

/**
 * Who holds a lease or a claim: this process, told apart from a restarted one with the
 * same pid (a container) by a random part. Shared by replica leases, daily-post claims and
 * Slack event claims, so logs and rows name a replica the same way everywhere.
 */
export const processHolderId = (): string =>
  `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

import type { Validate } from "./state-store.ts";

export interface Claim {
  /** Still ours for at least `marginMs` more, by this process's monotonic clock. */
  held(marginMs: number): boolean;
}

export interface ClaimedValues<T> {
  /** The namespace was unreadable and was set aside by this open (KeyValue.recovered). */
  readonly recovered: boolean;
  /** The value as stored now (never a copy kept in memory). */
  read(key: string): Promise<T | undefined>;
  /** Every value as stored now. */
  entries(): Promise<ReadonlyArray<readonly [string, T]>>;
  /** Takes `key` for this process, or null while another replica holds a live claim. */
  claim(key: string): Promise<Claim | null>;
  /** Stores `value` only while `claim` still holds, checked with the write; rejects otherwise. */
  write(claim: Claim, key: string, value: T): Promise<void>;
  /** Ends the claim at once, so the next replica need not wait for it to lapse. Never throws. */
  release(claim: Claim): Promise<void>;
}

/** A claim covers one attempt (a look and a send); the daily post sends with half of it left. */
export const DEFAULT_CLAIM_TTL_MS = 60_000;

export interface ClaimOptions {
  /** How long a claim lasts unless released (DEFAULT_CLAIM_TTL_MS). */
  readonly ttlMs?: number;
  /** Called once per claim() that reached the store: whether this replica got it. */
  readonly onClaim?: (won: boolean) => void;
}

export interface ClaimStores {
  /** A namespace of the state store whose writes happen under claims. */
  open<T>(
    namespace: string,
    validate: Validate<T>,
    options?: ClaimOptions,
  ): Promise<ClaimedValues<T>>;
}
