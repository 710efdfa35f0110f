// /metrics for replicas sharing a database: what became of Slack event claims, how often
// this replica took over the Matrix sync, and every failed database statement.
import { Counter, type Registry } from "prom-client";
import type { ClaimOutcome } from "../core/adapter.ts";

const CLAIM_OUTCOMES: readonly ClaimOutcome[] = [
  "won",
  "ignored",
  "takeover",
  "unavailable",
  "late",
];

export interface ReplicaCounters {
  claim(outcome: ClaimOutcome): void;
  /** This replica became the Matrix syncer (took the lease). */
  takeover(): void;
  databaseError(): void;
  /** A daily-post claim on a destination: won by this replica, or lost to another. */
  dailyPostClaim(won: boolean): void;
}

export function createReplicaCounters(registers: Registry[]): ReplicaCounters {
  const claims = new Counter({
    name: "virt_talks_slack_event_claims_total",
    help: "Slack deliveries with an event id, by outcome: won (claimed and answered), ignored (answered elsewhere or already), takeover (a dead replica's claim taken over), unavailable (answered without a claim: database failed); late (also counted: not acknowledged, the claim took longer than Slack allows an ack, so Slack delivers it again).",
    labelNames: ["outcome"] as const,
    registers,
  });
  const takeovers = new Counter({
    name: "virt_talks_matrix_sync_takeovers_total",
    help: "Times this replica took the matrix-sync lease and became the Matrix syncer.",
    registers,
  });
  const databaseErrors = new Counter({
    name: "virt_talks_database_errors_total",
    help: "Failed PostgreSQL statements (retried or not).",
    registers,
  });
  const dailyPostClaims = new Counter({
    name: "virt_talks_daily_post_claims_total",
    help: "Daily-post claims on a destination, by outcome: won (this replica worked on it: posted, looked, or found it done) or lost (another replica was working on it).",
    labelNames: ["outcome"] as const,
    registers,
  });
  for (const outcome of CLAIM_OUTCOMES) claims.inc({ outcome }, 0);
  for (const outcome of ["won", "lost"]) dailyPostClaims.inc({ outcome }, 0);
  return {
    claim: (outcome) => claims.inc({ outcome }),
    takeover: () => takeovers.inc(),
    databaseError: () => databaseErrors.inc(),
    dailyPostClaim: (won) => dailyPostClaims.inc({ outcome: won ? "won" : "lost" }),
  };
}
