// /metrics for replicas sharing a database: what became of Slack event claims, Slack answers
// withdrawn as second answers, how often this replica took over the Matrix sync, and every
// failed database statement.
import { Counter, type Registry } from "prom-client";
import type { ClaimOutcome, WithdrawnReason } from "../core/adapter.ts";

const CLAIM_OUTCOMES: readonly ClaimOutcome[] = [
  "won",
  "ignored",
  "takeover",
  "unavailable",
  "late",
];

export interface ReplicaCounters {
  claim(outcome: ClaimOutcome): void;
  /** A Slack answer sent without a claim, withdrawn as a second answer to its event. */
  answerWithdrawn(reason: WithdrawnReason): void;
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
  const withdrawn = new Counter({
    name: "virt_talks_slack_answers_withdrawn_total",
    help: "Slack answers sent without a claim (database away) and deleted again because the event had another answer, by reason: claimed (a claimed answer stands) or earlier (an earlier answer without a claim stands). A rising count means replicas lose the database together.",
    labelNames: ["reason"] as const,
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
  for (const reason of ["claimed", "earlier"]) withdrawn.inc({ reason }, 0);
  return {
    claim: (outcome) => claims.inc({ outcome }),
    answerWithdrawn: (reason) => withdrawn.inc({ reason }),
    takeover: () => takeovers.inc(),
    databaseError: () => databaseErrors.inc(),
    dailyPostClaim: (won) => dailyPostClaims.inc({ outcome: won ? "won" : "lost" }),
  };
}
