// The adapter's health as main.ts reports it: derived from start/stop, the Socket Mode
// connection and the outcome of recent calls to Slack.
import type { AdapterHealth, AdapterState } from "../../core/adapter.ts";
import type { Failure } from "../../core/retry.ts";

/** Web API errors that mean the token itself is no good: nothing works until it is fixed. */
const FATAL_AUTH = new Set([
  "invalid_auth",
  "not_authed",
  "account_inactive",
  "token_revoked",
  "token_expired",
]);

export const isFatalAuth = (failure: Failure): boolean =>
  failure.kind === "refused" && FATAL_AUTH.has(failure.detail);

interface HealthTracker {
  health(): AdapterHealth;
  set(state: AdapterState, detail?: string): void;
  /** Feeds the outcome of a call to Slack. */
  outcome(ok: boolean, failure?: Failure): void;
}

export function createHealthTracker(): HealthTracker {
  let state: AdapterState = "starting";
  let detail: string | undefined;
  return {
    health: () => (detail === undefined ? { state } : { state, detail }),
    set(next, why) {
      state = next;
      detail = why;
    },
    outcome(ok, failure) {
      if (state === "stopped" || state === "starting") return;
      if (ok) {
        if (state === "degraded" && detail?.startsWith("slack api:")) {
          state = "up";
          detail = undefined;
        }
        return;
      }
      if (!failure) return;
      if (isFatalAuth(failure)) {
        state = "down";
        detail = `slack api: ${failure.detail}`;
      } else if (failure.kind !== "refused" && state === "up") {
        // Refusals (channel_not_found, ...) are about one request, not about Slack's health.
        state = "degraded";
        detail = `slack api: ${failure.kind}`;
      }
    },
  };
}
