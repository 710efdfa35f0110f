// Where test/soak/totd-kill.test.ts kills the bot during the daily post: when a fake takes one of
// its requests (before answering, so the platform has the post and the bot never hears of
// it; or right after answering, so the kill lands while the bot records the outcome), or a
// random delay after the daily post started.
import type { FakeHomeserver } from "../../bench/shared/fakes/homeserver.ts";
import type { FakeSlack, RecordedCall } from "../../bench/shared/fakes/slack-web-api.ts";
import type { BotChild } from "./prewarmed-bot.ts";

export type When = "before-answer" | "after-answer";

export type KillPoint =
  | { readonly kind: "slack-post"; readonly channel: string; readonly when: When }
  /** The look in the channel after an interrupted send (conversations.history). */
  | { readonly kind: "slack-history"; readonly channel: string; readonly when: When }
  | { readonly kind: "matrix-send"; readonly room: string; readonly when: When }
  /** `ms` after the bot logged "daily post scheduled" (it starts delivering right then). */
  | { readonly kind: "delay"; readonly ms: number };

export function describeKillPoint(point: KillPoint): string {
  switch (point.kind) {
    case "delay":
      return `delay ${point.ms} ms`;
    case "matrix-send":
      return `matrix-send ${point.room} ${point.when}`;
    default:
      return `${point.kind} ${point.channel} ${point.when}`;
  }
}

/** The kind of a kill point with its timing, for the summary: "slack-post before-answer". */
export const killPointClass = (point: KillPoint): string =>
  point.kind === "delay" ? "delay" : `${point.kind} ${point.when}`;

interface Fakes {
  readonly slack: FakeSlack;
  readonly hs: FakeHomeserver;
}

interface Armed {
  /** Resolves when the point was reached and the kill sent. */
  readonly fired: Promise<void>;
  /** No kill from here on; removes the hooks from the fakes. */
  disarm(): void;
}

/** Kills `bot` (SIGKILL) when it reaches `point`; at most once. */
export function arm(point: KillPoint, bot: BotChild, fakes: Fakes): Armed {
  let fire: () => void = () => undefined;
  const fired = new Promise<void>((resolve) => {
    fire = resolve;
  });
  let over = false;
  const killNow = (): boolean => {
    if (over) return false;
    over = true;
    fire();
    bot.kill();
    return true;
  };
  let timer: NodeJS.Timeout | undefined;

  switch (point.kind) {
    case "slack-post":
    case "slack-history": {
      const method = point.kind === "slack-post" ? "chat.postMessage" : "conversations.history";
      const hit = (c: RecordedCall) => c.method === method && c.body.channel === point.channel;
      fakes.slack.hooks = {
        // The answer waits for the process to be gone: it can never reach the bot.
        async before(call) {
          if (point.when === "before-answer" && hit(call) && killNow()) await bot.exited;
        },
        after(call) {
          if (point.when === "after-answer" && hit(call)) killNow();
        },
      };
      break;
    }
    case "matrix-send":
      fakes.hs.sendHooks = {
        async before(send) {
          if (point.when === "before-answer" && send.roomId === point.room && killNow())
            await bot.exited;
        },
        after(send) {
          if (point.when === "after-answer" && send.roomId === point.room) killNow();
        },
      };
      break;
    case "delay":
      bot.logged("daily post scheduled").then(
        () => {
          if (!over) timer = setTimeout(killNow, point.ms);
        },
        () => undefined, // exited first: the cycle reports that
      );
      break;
  }

  return {
    fired,
    disarm() {
      over = true;
      clearTimeout(timer);
      fakes.slack.hooks = null;
      fakes.hs.sendHooks = null;
    },
  };
}
