// What the Slack tests give the adapter, as the wiring does: the real library and
// conversation turn over the real catalog, and the file state store in a temporary directory.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AdapterDeps } from "../../src/core/adapter.ts";
import type { Core } from "../../src/core/answer.ts";
import { loadCatalog } from "../../src/core/catalog.ts";
import { createLibrary, type Library } from "../../src/core/library.ts";
import type { TalkPages } from "../../src/core/permalink.ts";
import { createRateLimiter, type RateLimiter } from "../../src/core/rate-limit.ts";
import type { StateStore } from "../../src/core/state-store.ts";
import { createTurn } from "../../src/core/turn.ts";
import type { Logger } from "../../src/log.ts";
import { createFileStore } from "../../src/persist/file-store.ts";
import type { SubscriptionCommands } from "../../src/totd/subscription-commands.ts";
import type { WatchCommands } from "../../src/watch/watch-commands.ts";
import { sharedLibrary } from "./shared-libraries.ts";

let shared: Library | undefined;
/** The real library over the real catalog, built once per worker (shared-libraries.ts). */
export function testLibrary(): Library {
  shared ??= sharedLibrary(
    "testLibrary() (slack-deps.ts)",
    createLibrary({ catalog: loadCatalog(), timeZone: "UTC" }),
  );
  return shared;
}
/** The core the harness answers from. */
export const testCore = (): Core => testLibrary().current();

/** What the wiring gives the adapter: the real turn, the file store in `stateDir`. */
export function testDeps(options: {
  logger: Logger;
  stateDir: string;
  rateLimiter?: RateLimiter;
  observer?: AdapterDeps["observer"];
  /** The subscription commands the turn answers (chat subscriptions). */
  subscriptions?: SubscriptionCommands;
  /** The watch commands the turn answers. */
  watches?: WatchCommands;
  state?: StateStore;
  /** The public talk pages (PUBLIC_URL set): unfurls. */
  pages?: TalkPages;
  /** Another catalog (the conference week's timed talks); the real one by default. */
  library?: Library;
}): AdapterDeps {
  return {
    turn: createTurn({
      library: options.library ?? testLibrary(),
      // Generous by default so that only the flood tests meet the limiter.
      rateLimiter: options.rateLimiter ?? createRateLimiter({ burst: 1000, perSecond: 1000 }),
      handlers: { ...options.subscriptions, ...options.watches },
    }),
    logger: options.logger,
    observer: options.observer ?? { answered() {} },
    state: options.state ?? createFileStore({ dir: options.stateDir, logger: options.logger }),
    ...(options.pages ? { pages: options.pages } : {}),
  };
}

/** A fresh temporary state directory. */
export const tempStateDir = (): string => mkdtempSync(join(tmpdir(), "virt-talks-slack-"));
