// A bot in small for subscription tests: the real turn with the real talk of the day
// (daily post + subscriptions + commands) on an in-memory state store, fake post ports
// where Slack and Matrix would be, and Askers standing in for the adapters' permission
// checks (Matrix power levels: `powerAsker`).
import { loadCatalog } from "../../src/core/catalog.ts";
import { createLibrary } from "../../src/core/library.ts";
import type { Asker, Platform } from "../../src/core/platform.ts";
import type { Reply } from "../../src/core/reply.ts";
import { createTurn } from "../../src/core/turn.ts";
import type { Logger } from "../../src/log.ts";
import {
  createSubscriptionCommands,
  type SubscriptionCommands,
} from "../../src/totd/subscription-commands.ts";
import { createTalkOfTheDay, type TalkOfTheDay } from "../../src/totd/talk-of-the-day.ts";
import {
  captureLogger,
  type FakeChat,
  fakeChat,
  type LogLine,
  memoryStoreFor,
} from "./totd-helpers.ts";
import type { MemoryStore } from "./totd-memory-store.ts";

export const MODERATOR = 50;

/** An asker whose permission follows a Matrix-style power level against `required`. */
export function powerAsker(displayName: string, level: number, required = MODERATOR): Asker {
  return {
    displayName,
    async mayManageSubscriptions() {
      return level >= required
        ? { allowed: true }
        : {
            allowed: false,
            reason: `Changing this room's subscription needs power level ${required}; yours is ${level}.`,
          };
    },
  };
}

/** The subscription commands over `totd`, as the wiring registers them with the turn. */
export function subscriptionCommands(
  totd: () => TalkOfTheDay,
  defaults: { readonly time: string; readonly timeZone: string },
  logger?: Logger,
): SubscriptionCommands {
  return createSubscriptionCommands({
    subscriptions: () => totd().subscriptions(),
    defaults,
    ...(logger ? { logger } : {}),
  });
}

export interface SubscriptionBot {
  readonly totd: TalkOfTheDay;
  /** The in-memory state store (failWrites: a full disk). */
  readonly state: MemoryStore;
  readonly slack: FakeChat;
  readonly matrix: FakeChat;
  readonly lines: LogLine[];
  /** What someone typed in a room; the reply (or null). */
  say(
    platform: Platform,
    room: string,
    text: string,
    asker?: Asker,
    user?: string,
  ): Promise<Reply | null>;
}

interface SubscriptionBotOptions {
  /** The "disk": the same dir for a restarted bot. */
  readonly dir: string;
  readonly time?: string;
  readonly timeZone?: string;
  readonly slackChannels?: readonly string[];
  readonly matrixRooms?: readonly string[];
  readonly max?: number;
  readonly slack?: FakeChat;
  readonly matrix?: FakeChat;
}

const catalog = loadCatalog();

/** A started bot; stop it with `bot.totd.stop()`. */
export async function subscriptionBot(o: SubscriptionBotOptions): Promise<SubscriptionBot> {
  const { logger, lines } = captureLogger();
  const slack = o.slack ?? fakeChat("slack");
  const matrix = o.matrix ?? fakeChat("matrix");
  const timeZone = o.timeZone ?? "Europe/Berlin";
  const library = createLibrary({ catalog, timeZone });
  const state = memoryStoreFor(o.dir);
  const totd = createTalkOfTheDay({
    ports: { slack, matrix },
    totd: {
      time: o.time ?? "09:00",
      timeZone,
      slackChannels: o.slackChannels ?? [],
      matrixRooms: o.matrixRooms ?? [],
    },
    ...(o.max === undefined ? {} : { subscriptionsMax: o.max }),
    state,
    core: { today: (date) => library.current().today(date) },
    logger,
  });
  await totd.start();
  const turn = createTurn({
    library,
    handlers: subscriptionCommands(() => totd, { time: o.time ?? "09:00", timeZone }, logger),
    unthrottled: ["slack", "matrix"],
  });
  return {
    totd,
    state,
    slack,
    matrix,
    lines,
    async say(platform, room, text, asker, user = "@ada:example.org") {
      const { reply } = await turn.handle({
        platform,
        conversation: room,
        user,
        text,
        ...(asker ? { asker } : {}),
      });
      return reply;
    },
  };
}
