// What /healthz says about Matrix: the sync loop's state, an outage that only the sends
// see, and the rooms the talk of the day skipped (with why).
import type { AdapterHealth } from "../../core/adapter.ts";

export interface HealthTracker {
  /** The sync or start-up state, as the lifecycle reports it. */
  set(health: AdapterHealth): void;
  /** How many send attempts in a row found the homeserver unreachable (0: reachable). */
  sendReachability(streak: number, detail: string): void;
  current(): AdapterHealth;
}

export function createHealth(options: {
  /** Consecutive failures after which the state is "down" rather than "degraded". */
  readonly downAfterFailures: number;
  readonly skippedRooms: () => ReadonlyMap<string, string>;
}): HealthTracker {
  let base: AdapterHealth = { state: "starting" };
  let send = { streak: 0, detail: "" };

  function connection(): AdapterHealth {
    // A send waiting out an outage holds up the sync loop (its batch is not committed
    // until the answer is out), so the sync alone would go on saying "up".
    const { streak, detail } = send;
    if (streak === 0 || (base.state !== "up" && base.state !== "degraded")) return base;
    if (base.state === "degraded" && streak < options.downAfterFailures) return base;
    return {
      state: streak >= options.downAfterFailures ? "down" : "degraded",
      detail: `cannot reach the homeserver to send (${streak}×): ${detail}`,
    };
  }

  return {
    set(health) {
      base = health;
    },
    sendReachability(streak, detail) {
      send = { streak, detail };
    },
    current() {
      const health = connection();
      const skipped = [...options.skippedRooms()];
      if (skipped.length === 0 || health.state === "stopped") return health;
      const rooms = `talk of the day skipped in ${skipped.map(([room, why]) => `${room} (${why})`).join(", ")}`;
      return { ...health, detail: health.detail ? `${health.detail}; ${rooms}` : rooms };
    },
  };
}
