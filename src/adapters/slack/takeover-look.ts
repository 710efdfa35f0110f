// A Slack event taken over from a replica that died mid-answer: before answering, look
// for that replica's answer in Slack, so that the event is not answered twice.
import type { PostLookup } from "../../core/post-port.ts";
import type { Logger } from "../../log.ts";
import { errorText } from "./context.ts";
import type { Decision } from "./event-claims.ts";

/** Whether the event's answer is already in Slack (find-answer.ts); rejects on a failure that may pass. */
export type FindAnswer = (
  eventId: string,
  body: Readonly<Record<string, unknown>>,
) => Promise<PostLookup>;

/** answer: nobody answered it; settled: done, send nothing; later: look again after a lease. */
export type TakeoverLook = "answer" | "settled" | "later";

/**
 * Before a takeover answers: is the dead holder's answer already in Slack? The daily
 * post's rule (totd/settlement.ts): found → done, nothing sent; cannot be read (a
 * refusal: missing scope, not in the channel) → done, nothing sent (at most once); a
 * failure that may pass → nothing now ("later"): the claim, no longer renewed, runs out
 * and a sweeper looks again from the stored copy.
 */
export async function lookFirst(
  findAnswer: FindAnswer | undefined,
  logger: Logger,
  eventId: string,
  body: Readonly<Record<string, unknown>>,
): Promise<TakeoverLook> {
  if (!findAnswer) return "answer";
  let seen: PostLookup;
  try {
    seen = await findAnswer(eventId, body);
  } catch (error) {
    logger.warn(
      { eventId, err: errorText(error) },
      "slack event taken over, but whether it was answered cannot be read now; looking again after a lease",
    );
    return "later";
  }
  if (seen.kind === "absent") return "answer";
  if (seen.kind === "found")
    logger.info(
      { eventId },
      "slack event taken over had been answered; marked done, not answered again",
    );
  else
    logger.warn(
      { eventId, reason: seen.reason },
      "slack event taken over; cannot check whether it was answered, not answering again (at most once)",
    );
  return "settled";
}

/**
 * Before answering without a claim (the store failed), or a re-delivery's first claim: did
 * another delivery of the event answer it already? Only a found answer stops this one; a
 * look that fails or is refused answers anyway (without a claim no sweeper ever would).
 */
export async function answeredElsewhere(
  findAnswer: FindAnswer | undefined,
  logger: Logger,
  eventId: string,
  body: Readonly<Record<string, unknown>>,
): Promise<boolean> {
  if (!findAnswer) return false;
  try {
    if ((await findAnswer(eventId, body)).kind !== "found") return false;
  } catch (error) {
    logger.warn({ eventId, err: errorText(error) }, "slack event answer look failed; answering");
    return false;
  }
  logger.info({ eventId }, "slack event had been answered by another delivery; not answered again");
  return true;
}

/**
 * What to do before answering, by how the event was claimed. A first answer ("won") stays
 * one call. Taken over (a sweeper's replay, or a re-delivery outliving another holder's
 * claim): look for that holder's answer first. Without a claim ("unavailable") another
 * delivery may have won one and answered: look too, but answer unless it is found. So
 * does a Slack re-delivery (`retried`) that wins the claim: an earlier delivery may have
 * answered without one while the database was away (unclaimed-answers.ts cannot see a
 * claimed answer posted after its look).
 */
export async function lookBeforeAnswering(
  decision: Decision,
  findAnswer: FindAnswer | undefined,
  logger: Logger,
  eventId: string,
  body: Readonly<Record<string, unknown>>,
  retried = false,
): Promise<TakeoverLook> {
  if (decision === "takeover" || decision === "taken")
    return lookFirst(findAnswer, logger, eventId, body);
  if (decision === "unavailable" || (decision === "won" && retried))
    return (await answeredElsewhere(findAnswer, logger, eventId, body)) ? "settled" : "answer";
  return "answer";
}
