// Who the bot is (auth.test): its user id, to strip "<@BOT>" from mentions and to ignore its
// own events. Fetched once and cached; a failed lookup is retried on the next use.
import { within } from "../../core/retry.ts";
import type { BotIdentity, SlackApi } from "./web-client.ts";

export interface Identity {
  /** auth.test, or the cached answer. Rejects when Slack cannot be asked right now. */
  get(): Promise<BotIdentity>;
  /** The cached answer, waiting at most `waitMs` for a lookup in progress; never rejects. */
  peek(waitMs: number): Promise<BotIdentity | undefined>;
  /** The cached answer, if there is one. */
  readonly current: BotIdentity | undefined;
}

export function createIdentity(api: Pick<SlackApi, "authTest">): Identity {
  let current: BotIdentity | undefined;
  let pending: Promise<BotIdentity> | undefined;

  function get(): Promise<BotIdentity> {
    if (current) return Promise.resolve(current);
    pending ??= api.authTest().then(
      (id) => {
        current = id;
        pending = undefined;
        return id;
      },
      (error: unknown) => {
        pending = undefined;
        throw error;
      },
    );
    return pending;
  }

  return {
    get,
    async peek(waitMs) {
      if (current) return current;
      return within(
        get().catch(() => undefined),
        waitMs,
        undefined,
      );
    },
    get current() {
      return current;
    },
  };
}
