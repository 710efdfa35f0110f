// The asker of a Matrix question, as the conversation turn sees it: named by user id, and
// allowed to manage the room's subscription by their power level (power.ts), read from
// the room's state only when a subscription command asks.
import type { Asker, Permission } from "../../core/platform.ts";
import type { Logger } from "../../log.ts";
import { summarizeError } from "./errors.ts";
import { powerStateOf, subscriptionPermission } from "./power.ts";

interface AskerDeps {
  /** The room's full state (GET /rooms/{roomId}/state). */
  readonly roomState: (roomId: string) => Promise<unknown>;
  readonly minPower: number;
  readonly logger: Logger;
}

export function matrixAsker(deps: AskerDeps, roomId: string, userId: string): Asker {
  return {
    displayName: userId,
    async mayManageSubscriptions(): Promise<Permission> {
      try {
        const state = powerStateOf(await deps.roomState(roomId));
        return subscriptionPermission(userId, state, deps.minPower);
      } catch (e) {
        deps.logger.warn({ roomId, ...summarizeError(e) }, "cannot read the room's power levels");
        return {
          allowed: false,
          reason:
            "I could not read this room's power levels just now; please try again in a minute.",
        };
      }
    },
  };
}
