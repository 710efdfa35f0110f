// `watch <search>`, `watches` and `unwatch N` (parsed by the one grammar), answered with a
// WatchReply: the handlers this feature registers with the turn. The same permission rule
// as `subscribe` (Asker.mayManageSubscriptions: Matrix power levels, Slack admins); in a
// Slack DM the conversation is the person's own, so the watch is theirs.
import type { WatchCommand } from "../core/grammar.ts";
import type { CommandHandlers, TurnInput } from "../core/turn.ts";
import type { Logger } from "../log.ts";
import { placeOf, type WatchReply } from "./watch-replies.ts";
import type { Watches } from "./watches.ts";

/** The turn's handlers for the watch commands. Never throw. */
export type WatchCommands = Required<
  Pick<CommandHandlers, "watch" | "watches" | "unwatch" | "watch-usage">
>;

interface WatchCommandOptions {
  /** The store, once open. */
  readonly watches: () => Promise<Watches>;
  /** Whether the query finds anything in today's catalog (the note when it does not). */
  readonly matchesToday: (query: string) => boolean;
  readonly logger?: Logger;
}

const refused = (message: string, then?: { say: string; command: string }): WatchReply => ({
  kind: "watch-refused",
  visibility: "asker",
  message,
  ...(then ? { then } : {}),
});

const UNAVAILABLE = "Watches belong to a Slack channel or a Matrix room: ask there.";

export function createWatchCommands(options: WatchCommandOptions): WatchCommands {
  async function answer(
    input: TurnInput,
    command: Exclude<WatchCommand, { kind: "watch-usage" }>,
  ): Promise<WatchReply> {
    if (input.platform === "console") return refused(UNAVAILABLE);
    const { platform, conversation: where } = input;
    const place = placeOf(platform);
    const store = await options.watches();
    if (command.kind === "watches") {
      const watches = store.list(platform, where).map((w) => ({ query: w.query, by: w.by }));
      return { kind: "watch-list", visibility: "asker", watches };
    }
    const { asker } = input;
    if (!asker) return refused(UNAVAILABLE);
    const permission = await asker.mayManageSubscriptions(
      command.kind === "watch" ? "subscribe" : "unsubscribe",
    );
    if (!permission.allowed) return refused(permission.reason);
    if (command.kind === "unwatch") {
      const gone = await store.remove(platform, where, command.number);
      if (!gone) {
        const count = store.list(platform, where).length;
        return count
          ? refused(`This ${place} has no watch ${command.number}; it has ${count}.`, {
              say: "To see them",
              command: "watches",
            })
          : refused(
              `This ${place} watches nothing, so there is no watch ${command.number} to remove.`,
            );
      }
      return {
        kind: "unwatched",
        visibility: "room",
        by: asker.displayName,
        number: command.number,
        query: gone.query,
      };
    }
    const result = await store.add(platform, where, {
      query: command.query,
      byUser: input.user,
      by: asker.displayName,
      at: new Date(input.now ?? Date.now()).toISOString(),
    });
    switch (result.kind) {
      case "duplicate":
        return refused(
          `This ${place} already watches “${command.query}” (watch ${result.number}).`,
        );
      case "room-limit":
        return refused(`This ${place} already has ${result.max} watches, the most it may have.`, {
          say: "Remove one first",
          command: "unwatch N",
        });
      case "limit":
        return refused(
          `This bot already keeps ${result.max} watches, the most it is set up for; ask its operator.`,
        );
      case "added":
        return {
          kind: "watch-added",
          visibility: "room",
          by: asker.displayName,
          number: result.number,
          query: command.query,
          matchesNothing: !options.matchesToday(command.query),
        };
    }
  }

  async function handle(
    input: TurnInput,
    command: Exclude<WatchCommand, { kind: "watch-usage" }>,
  ): Promise<WatchReply> {
    try {
      return await answer(input, command);
    } catch (err) {
      options.logger?.error(
        { err, platform: input.platform, conversation: input.conversation },
        "watch command failed",
      );
      return refused("I could not save that just now; nothing changed. Please try again later.");
    }
  }

  return {
    watch: (command, input) => handle(input, command),
    watches: (command, input) => handle(input, command),
    unwatch: (command, input) => handle(input, command),
    "watch-usage": async ({ message }) => ({ kind: "watch-usage", visibility: "asker", message }),
  };
}
