// What the watch commands answer, and the one wording of it every renderer uses. As with
// the subscription replies, `visibility` says who should see a reply: "room" replies are
// for everyone in the channel or room, "asker" ones for the person who typed the command.
import type { Platform } from "../core/platform.ts";

export type WatchReply =
  | {
      readonly kind: "watch-added";
      readonly visibility: "room";
      readonly by: string;
      readonly number: number;
      readonly query: string;
      /** Nothing in the catalog matches the query today (allowed: alerts are about new talks). */
      readonly matchesNothing: boolean;
    }
  | {
      readonly kind: "watch-list";
      readonly visibility: "asker";
      readonly watches: readonly { readonly query: string; readonly by: string }[];
    }
  | {
      readonly kind: "unwatched";
      readonly visibility: "room";
      readonly by: string;
      readonly number: number;
      readonly query: string;
    }
  | {
      /** Not allowed here, too many watches, no such number, a store that failed. */
      readonly kind: "watch-refused" | "watch-usage";
      readonly visibility: "asker";
      readonly message: string;
      /** What to do instead, with the command written as typed where it is read. */
      readonly then?: { readonly say: string; readonly command: string };
    };

/** How a platform calls the place a reply is read in: a Slack "channel", a Matrix "room". */
export type Place = "channel" | "room";
export const placeOf = (platform: Platform): Place => (platform === "slack" ? "channel" : "room");

/**
 * The reply as plain text: names are raw, so each renderer escapes the whole line. `ask`
 * writes a command the way one types it where the reply is shown.
 */
export function watchText(
  reply: WatchReply,
  ask: (command: string) => string = (command) => command,
  place: Place = "room",
): string {
  switch (reply.kind) {
    case "watch-added": {
      const nothing = reply.matchesNothing
        ? " Nothing in the catalog matches it today; new talks will still be checked."
        : "";
      return `${reply.by} added watch ${reply.number} to this ${place}: “${reply.query}”. When a schedule sync adds or changes talks it matches, I post them here.${nothing} To stop it: ${ask(`unwatch ${reply.number}`)}.`;
    }
    case "watch-list": {
      if (!reply.watches.length)
        return `This ${place} watches nothing. To start: ${ask("watch <search>")}, like ${ask("watch vfio")}.`;
      const list = reply.watches.map((w, i) => `${i + 1}. “${w.query}” (by ${w.by})`).join("; ");
      return `This ${place} watches: ${list}. To stop one: ${ask("unwatch N")}.`;
    }
    case "unwatched":
      return `${reply.by} removed watch ${reply.number} (“${reply.query}”) from this ${place}.`;
    case "watch-refused":
    case "watch-usage":
      return reply.then
        ? `${reply.message} ${reply.then.say}: ${ask(reply.then.command)}.`
        : reply.message;
  }
}
