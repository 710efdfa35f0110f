// An event answered without a claim (the state store was away) may have been answered by
// another replica too: both looked for an answer before posting, found none, and posted.
// CI's claims soak saw it once (two replicas, each given the event at the same moment,
// gave up on the database in the same millisecond). chat.postMessage has no idempotency
// key, so the answers are settled after the fact, by a rule every replica applies alone:
// a claimed answer stands; among unclaimed ones, the earliest stands; every other unclaimed
// answer is deleted by whoever posted it. Each replica looks right after its own post, and
// a message posted earlier than its own is already in Slack when it looks. Nothing can
// take back the last answer: a claimed one is never withdrawn, and two unclaimed ones
// cannot each be earlier than the other. A claimed answer posted after this look is not
// seen, so both stay (a retried delivery that wins a claim looks first: takeover-look.ts).
import type { WithdrawnReason } from "../../core/adapter.ts";
import type { Logger } from "../../log.ts";
import { errorText } from "./context.ts";
import { answerPlace, compareTs, listAnswers, type SeenAnswer } from "./find-answer.ts";
import type { BotIdentity, SlackApi } from "./web-client.ts";

/**
 * Whether the messages this delivery `sent` (without a claim) are to be taken back, given
 * every answer to the event in Slack (`seen`, ours included), and why; null: they stand.
 */
export function beatenBy(
  seen: readonly SeenAnswer[],
  sent: readonly string[],
): WithdrawnReason | null {
  if (sent.length === 0) return null;
  const mine = new Set(sent);
  const first = [...sent].sort(compareTs)[0]!;
  const others = seen.filter((a) => !mine.has(a.ts));
  if (others.some((a) => !a.unclaimed)) return "claimed";
  return others.some((a) => compareTs(a.ts, first) < 0) ? "earlier" : null;
}

interface SettleArgs {
  /** Every answer to the event in Slack (find-answer.ts listAnswers); null: unreadable. */
  readonly list: () => Promise<SeenAnswer[] | null>;
  readonly remove: (ts: string) => Promise<void>;
  readonly logger: Logger;
  readonly eventId: string;
  readonly sent: readonly string[];
  /** Called once for each message withdrawn (for /metrics). */
  readonly onWithdrawn?: (reason: WithdrawnReason) => void;
}

/** After an unclaimed answer: withdraws it if another answer stands. Never rejects. */
export async function settleUnclaimed(args: SettleArgs): Promise<number> {
  const { logger, eventId } = args;
  if (args.sent.length === 0) return 0;
  let seen: SeenAnswer[] | null;
  try {
    seen = await args.list();
  } catch (error) {
    logger.warn(
      { eventId, err: errorText(error) },
      "slack answer without a claim: other answers cannot be read now; kept",
    );
    return 0;
  }
  if (seen === null) {
    // No history scope, or too much history to read: at least once, maybe twice.
    logger.warn({ eventId }, "slack answer without a claim: other answers cannot be read; kept");
    return 0;
  }
  const reason = beatenBy(seen, args.sent);
  if (reason === null) return 0;
  const withdrawn: string[] = [];
  try {
    for (const ts of args.sent) {
      await args.remove(ts);
      withdrawn.push(ts);
      args.onWithdrawn?.(reason);
    }
  } catch (error) {
    logger.warn(
      { eventId, reason, withdrawn, err: errorText(error) },
      "slack second answer could not be withdrawn; the event shows two answers",
    );
    return withdrawn.length;
  }
  logger.info(
    { eventId, reason, withdrawn },
    reason === "claimed"
      ? "slack event answered with a claim elsewhere; this answer without one withdrawn"
      : "slack event answered twice without a claim; this later answer withdrawn",
  );
  return withdrawn.length;
}

interface SettlerDeps {
  readonly api: Pick<SlackApi, "history" | "replies" | "deleteMessage">;
  /** Who "our bot" is (auth.test). */
  readonly identity: () => Promise<BotIdentity>;
  readonly logger: Logger;
  readonly onWithdrawn?: (reason: WithdrawnReason) => void;
}

/** event-dedupe.ts's settleUnclaimed over the Web API. */
export function unclaimedSettler(deps: SettlerDeps) {
  return async (
    eventId: string,
    body: Readonly<Record<string, unknown>>,
    sent: readonly string[],
  ): Promise<void> => {
    const place = answerPlace(body);
    if (!place) return;
    await settleUnclaimed({
      list: () => listAnswers({ api: deps.api, identity: deps.identity, eventId, body }),
      remove: (ts) => deps.api.deleteMessage({ channel: place.channel, ts }),
      logger: deps.logger,
      eventId,
      sent,
      ...(deps.onWithdrawn ? { onWithdrawn: deps.onWithdrawn } : {}),
    });
  };
}
