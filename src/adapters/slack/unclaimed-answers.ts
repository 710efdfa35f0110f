// An event answered without a claim (the state store was away) may have been answered by
// another replica too: both looked for an answer before posting, found none, and posted.
// CI's claims soak saw it once (two replicas, each given the event at the same moment,
// gave up on the database in the same millisecond). chat.postMessage has no idempotency
// key, so the answers are settled after the fact, by a rule every replica applies alone:
// a claimed answer stands; among unclaimed ones, the earliest stands; every other unclaimed
// answer is deleted by whoever posted it. Each replica looks right after its own post, and
// a message posted earlier than its own is already in Slack when it looks.
import type { Logger } from "../../log.ts";
import { errorText } from "./context.ts";
import { answerPlace, compareTs, listAnswers, type SeenAnswer } from "./find-answer.ts";
import type { BotIdentity, SlackApi } from "./web-client.ts";

/**
 * Which of the messages this delivery `sent` (without a claim) to take back, given every
 * answer to the event in Slack (`seen`, ours included): all of them when another answer
 * was posted with a claim, or without one but earlier than our first; else none.
 */
export function answersToWithdraw(
  seen: readonly SeenAnswer[],
  sent: readonly string[],
): readonly string[] {
  if (sent.length === 0) return [];
  const mine = new Set(sent);
  const first = [...sent].sort(compareTs)[0]!;
  const beaten = seen.some((a) => !mine.has(a.ts) && (!a.unclaimed || compareTs(a.ts, first) < 0));
  return beaten ? sent : [];
}

interface SettleArgs {
  /** Every answer to the event in Slack (find-answer.ts listAnswers); null: unreadable. */
  readonly list: () => Promise<SeenAnswer[] | null>;
  readonly remove: (ts: string) => Promise<void>;
  readonly logger: Logger;
  readonly eventId: string;
  readonly sent: readonly string[];
}

/** After an unclaimed answer: withdraws it if another answer stands. Never rejects. */
export async function settleUnclaimed(args: SettleArgs): Promise<number> {
  const { logger, eventId } = args;
  if (args.sent.length === 0) return 0;
  try {
    const seen = await args.list();
    if (seen === null) {
      logger.warn({ eventId }, "slack answer without a claim: other answers cannot be read; kept");
      return 0;
    }
    const withdraw = answersToWithdraw(seen, args.sent);
    for (const ts of withdraw) await args.remove(ts);
    if (withdraw.length)
      logger.info(
        { eventId, withdrawn: withdraw },
        "slack event answered twice without a claim; this later answer withdrawn",
      );
    return withdraw.length;
  } catch (error) {
    logger.warn(
      { eventId, err: errorText(error) },
      "slack answer without a claim: could not check for a second answer; kept",
    );
    return 0;
  }
}

interface SettlerDeps {
  readonly api: Pick<SlackApi, "history" | "replies" | "deleteMessage">;
  /** Who "our bot" is (auth.test). */
  readonly identity: () => Promise<BotIdentity>;
  readonly logger: Logger;
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
    });
  };
}
