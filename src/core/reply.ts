// Everything a turn can answer, for the renderers: a core answer, the turn's own replies
// (paging, flood control) and the replies of the features that handle commands
// (src/totd/subscription-replies.ts). A feature with a new reply adds its kind here.
import type { SubscriptionReply } from "../totd/subscription-replies.ts";
import type { WatchReply } from "../watch/watch-replies.ts";
import type { Answer } from "./answer.ts";

/** Too many requests from one asker: answer again after `retryAfterMs`. */
export interface SlowDown {
  readonly kind: "slow-down";
  readonly message: string;
  /** How long until the asker's next request is answered. */
  readonly retryAfterMs: number;
}

export type Reply =
  | Answer
  | SlowDown
  /** "more" after the last page of a search. */
  | { readonly kind: "end-of-results"; readonly query: string; readonly total: number }
  /** "more" with no search to page. */
  | { readonly kind: "nothing-to-page" }
  /** subscribe / unsubscribe / subscription (src/totd/subscription-replies.ts). */
  | SubscriptionReply
  /** watch / watches / unwatch (src/watch/watch-replies.ts). */
  | WatchReply;
