// Slack messages for the answers that guide rather than list talks: small talk, the topic
// list, an unknown topic: filter, and the speaker hint under a search that found nothing.
// Pure, like answer.ts: examples are written the way one asks on the surface shown.
import type { Answer } from "../../core/answer.ts";
import { orList } from "../../core/discover.ts";
import { context, type SlackMessage, section } from "./blocks.ts";
import { clip, clipContent, truncateEscaped } from "./escape.ts";
import { BLOCK_KIT_LIMITS } from "./limits.ts";
import { askOn, type Surface } from "./surface.ts";

type Of<K extends Answer["kind"]> = Extract<Answer, { kind: K }>;
/** Where the answer is shown: the slash command, a mention thread, or a direct message. */
type GuideSurface = Surface;

/** A query as one types it on the surface, e.g. "/virt numa". */
const ask = askOn;

/** `/virt numa` as a code span: escaped, and no backtick to end the span early. */
const code = (surface: GuideSurface, query: string): string =>
  `\`${clip(ask(surface, query).replace(/`/g, "'"), 400)}\``;

const fallback = (raw: string): string => clip(raw, BLOCK_KIT_LIMITS.fallbackText);

export function renderSmallTalk(answer: Of<"small-talk">, surface: GuideSurface): SlackMessage {
  const tries = answer.examples.map((e) => code(surface, e));
  const plainTries = answer.examples.map((e) => ask(surface, e));
  return {
    text: fallback(`${answer.reply} ${answer.capabilities} Try ${orList(plainTries)}.`),
    blocks: [
      section(clip(answer.reply, BLOCK_KIT_LIMITS.sectionText)),
      context(
        clip(answer.capabilities, 1000),
        truncateEscaped(`Try ${orList(tries)}.`, BLOCK_KIT_LIMITS.contextText),
      ),
    ],
  };
}

export function renderTopics(answer: Of<"topics">, surface: GuideSurface): SlackMessage {
  const listed = answer.topics.map((t) => `\`${clip(t.slug, 100)}\` ${t.talks}`).join(" · ");
  const example = answer.topics[0]?.slug ?? "numa";
  return {
    text: fallback(
      `${answer.topics.length} topics: ${answer.topics.map((t) => `${t.slug} (${t.talks})`).join(", ")}.`,
    ),
    blocks: [
      section(`*${answer.topics.length} topics*, each with its number of talks:`),
      section(clip(listed, BLOCK_KIT_LIMITS.sectionText)),
      context(`Search one: ${code(surface, `topic:${example}`)}`),
    ],
  };
}

export function renderUnknownTopic(
  answer: Of<"unknown-topic">,
  surface: GuideSurface,
): SlackMessage {
  const topic = clipContent(answer.topic, 200);
  const guesses = answer.nearest.map((t) => code(surface, `topic:${t}`));
  const guess = guesses.length ? ` Did you mean ${orList(guesses)}?` : "";
  const plainGuess = answer.nearest.length
    ? ` Did you mean ${orList(answer.nearest.map((t) => `topic:${t}`))}?`
    : "";
  return {
    text: fallback(`I don't know the topic “${answer.topic}”.${plainGuess}`),
    blocks: [
      section(`I don't know the topic “${topic}”.${guess}`),
      context(`${code(surface, "topics")} lists them all.`),
    ],
  };
}

/** A search that found nothing, plus "Looking for a speaker?" when the query looks like a name. */
export function withSpeakerHint(
  message: SlackMessage,
  speakers: readonly string[],
  surface: GuideSurface,
): SlackMessage {
  if (speakers.length === 0) return message;
  const tries = speakers.map((s) => code(surface, `speaker:${s}`));
  const plainTries = speakers.map((s) => `speaker:${s}`);
  return {
    // message.text is escaped already: only the hint is escaped, then the whole is only cut
    // (escaping it again showed a query's "<@U123>" as "&amp;lt;@U123&amp;gt;").
    text: truncateEscaped(
      `${message.text} ${fallback(`Looking for a speaker? Try ${orList(plainTries)}.`)}`,
      BLOCK_KIT_LIMITS.fallbackText,
    ),
    blocks: [
      ...message.blocks,
      // `tries` are escaped code spans already: only cut, never escape twice.
      context(
        truncateEscaped(
          `Looking for a speaker? Try ${orList(tries)}.`,
          BLOCK_KIT_LIMITS.contextText,
        ),
      ),
    ],
  };
}
