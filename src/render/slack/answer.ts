// PURE: a core Answer → a Slack message (Block Kit + text fallback). No I/O, no clock:
// the same answer always renders to the same JSON, which the unit tests pin exactly.
//
// Three surfaces: "command" answers (/virt) are ephemeral and interactive (Share / More
// results buttons); "mention" answers are posted in a channel thread for everyone, so they
// carry only link buttons and tell people how to page with /virt instead; "dm" answers go to
// a direct message with the bot: More results, but nothing to share a card with. Help and
// hints say what is true where they are shown.
import type { ResultsAnswer } from "../../core/answer.ts";
import type { TalkCard } from "../../core/card.ts";
import type { Reply } from "../../core/reply.ts";
import {
  actions,
  type Block,
  context,
  divider,
  plain,
  type SlackMessage,
  section,
} from "./blocks.ts";
import { encodeMore } from "./button-values.ts";
import { cardFallback, slackCardBlocks } from "./card.ts";
import { clip, clipContent, truncateEscaped, unstyle, unstyleQuoted } from "./escape.ts";
import { renderSmallTalk, renderTopics, renderUnknownTopic, withSpeakerHint } from "./guide.ts";
import { renderHelp, renderUsage } from "./help.ts";
import { ACTION, actionId } from "./ids.ts";
import { BLOCK_KIT_LIMITS, BUDGETS } from "./limits.ts";
import { renderSubscriptionReply } from "./subscription.ts";
import { COMMAND, type Surface } from "./surface.ts";
import { renderWatchReply } from "./watch.ts";

/** Options for redrawing an ephemeral list after a share. */
interface RenderOptions {
  /** Ids of the cards already shared from this list: marked instead of a Share button. */
  readonly shared?: readonly string[];
}

export { COMMAND, type Surface } from "./surface.ts";

/** Text for a one-line message (slow down, errors): escaped, fitted, no blocks. */
export function renderNotice(text: string): SlackMessage {
  return { text: clip(text, BLOCK_KIT_LIMITS.fallbackText), blocks: [] };
}

const fallback = (raw: string): string => clip(raw, BLOCK_KIT_LIMITS.fallbackText);

/** `code` for a query shown inside a code span: a backtick would end the span early. */
const codeQuery = (query: string): string => clip(query.replace(/`/g, "'"), 400);

function renderNoResults(
  query: string,
  suggestions: readonly string[],
  why?: string,
): SlackMessage {
  const q = clipContent(query, 400);
  const reason = why === undefined ? "" : `\n${clipContent(why, 600)}`;
  const blocks: Block[] = [section(`No talks found for “${q}”.${reason}`)];
  if (suggestions.length) {
    const tries = suggestions.map((s) => `\`${COMMAND} ${codeQuery(s)}\``).join(" · ");
    // `tries` are escaped code spans already: only cut, never escape twice.
    blocks.push(context(truncateEscaped(`Try a topic: ${tries}`, BLOCK_KIT_LIMITS.contextText)));
  }
  const tail = suggestions.length ? ` Try: ${suggestions.join(", ")}.` : "";
  const said = why === undefined ? "" : ` ${why}`;
  return { text: fallback(`No talks found for “${query}”.${said}${tail}`), blocks };
}

const NOTHING_TO_PAGE: Readonly<Record<Surface, string>> = {
  command: "Use the *More results* button under a search to see the next page.",
  mention: `Nothing to page yet: mention me with a search that finds talks, then \`@virt-talks more\` in the same thread. Or search with \`${COMMAND} QUERY\` and use its *More results* button.`,
  dm: "Nothing to page yet: send me a search that finds talks, then `more` (or use its *More results* button).",
};

function renderMore(surface: Surface): SlackMessage {
  const text = NOTHING_TO_PAGE[surface];
  return { text: fallback(text.replace(/[*`]/g, "")), blocks: [section(text)] };
}

function renderTalk(card: TalkCard, surface: Surface, options: RenderOptions = {}): SlackMessage {
  return {
    text: fallback(`${card.heading ? `${card.heading}: ` : ""}${cardFallback(card)}`),
    blocks: slackCardBlocks(card, {
      index: 0,
      share: surface === "command",
      ...(options.shared ? { shared: options.shared } : {}),
    }),
  };
}

function renderResults(
  answer: ResultsAnswer,
  surface: Surface,
  options: RenderOptions = {},
): SlackMessage {
  const { query, offset, total } = answer;
  const q = clipContent(query, 400);
  const correction = answer.corrections.length
    ? `\n_Spelling corrected: ${clipContent(answer.corrections.join(", "), 500)}_`
    : "";

  // One block for the intro and one kept for the footer; cards fill the rest of the 50.
  const room = BLOCK_KIT_LIMITS.blocksPerMessage - 2;
  const footer: Block[] = [];
  const cards: Block[] = [];
  const hits = answer.hits.slice(0, BUDGETS.cardsPerMessage);
  let shown = 0;
  for (const [i, hit] of hits.entries()) {
    const blocks = [
      divider(),
      ...slackCardBlocks(hit.card, {
        index: i,
        share: surface === "command",
        list: { q: query, o: offset },
        ...(options.shared ? { shared: options.shared } : {}),
      }),
    ];
    if (cards.length + blocks.length > room) break;
    cards.push(...blocks);
    shown++;
  }

  if (shown === 0) return renderNoResults(query, []);
  const rest = total - offset - shown;
  if (rest > 0 && surface !== "mention") {
    const value = encodeMore({ q: query, o: offset + shown });
    if (value !== null)
      footer.push(
        actions([
          {
            type: "button",
            text: plain("More results"),
            action_id: actionId(ACTION.more, offset + shown),
            value,
          },
        ]),
      );
  } else if (rest > 0) {
    // A mention's "more" in the channel or its thread pages this search (the turn keeps it).
    footer.push(
      context(
        `${rest} more — mention me with \`more\` for the next page, or use \`${COMMAND} ${codeQuery(query)}\` for a *More results* button.`,
      ),
    );
  }

  const range = shown === 1 ? `${offset + 1}` : `${offset + 1}–${offset + shown}`;
  const title = answer.heading === undefined ? `Talks for “${q}”` : clip(answer.heading, 400);
  const intro = section(`${title} · ${range} of ${total}${correction}`);
  const titles = hits.slice(0, shown).map((h) => cardFallback(h.card));
  return {
    text: fallback(
      `${answer.heading ?? `Talks for “${query}”`} (${range} of ${total}): ${titles.join("; ")}`,
    ),
    blocks: [intro, ...cards, ...footer],
  };
}

export function renderSlackAnswer(
  answer: Reply,
  surface: Surface,
  options: RenderOptions = {},
): SlackMessage {
  switch (answer.kind) {
    case "help":
      return renderHelp(answer.help, surface);
    case "usage":
      return renderUsage(unstyleQuoted(answer.message, answer.quoted), surface);
    case "no-results":
      return withSpeakerHint(
        renderNoResults(answer.query, answer.suggestions, answer.why),
        answer.speakers,
        surface,
      );
    case "unknown-topic":
      return renderUnknownTopic(answer, surface);
    case "topics":
      return renderTopics(answer, surface);
    case "small-talk":
      return renderSmallTalk(answer, surface);
    case "nothing-to-page":
      return renderMore(surface);
    case "end-of-results":
      return renderNotice(
        `That was all ${answer.total} ${answer.total === 1 ? "talk" : "talks"} for “${unstyle(answer.query)}”.`,
      );
    case "slow-down":
      return renderNotice(answer.message);
    case "note":
      return renderNotice(unstyleQuoted(answer.message, answer.quoted));
    case "talk":
      return renderTalk(answer.card, surface, options);
    case "results":
      return renderResults(answer, surface, options);
    case "subscribed":
    case "unsubscribed":
    case "subscription-status":
    case "subscription-refused":
    case "subscription-usage":
      // One line; the adapter posts "room" replies in the channel, "asker" ones ephemerally.
      return renderSubscriptionReply(answer, surface);
    case "watch-added":
    case "watch-list":
    case "unwatched":
    case "watch-refused":
    case "watch-usage":
      return renderWatchReply(answer, surface);
  }
}

const USER_ID = /^[UW][A-Z0-9]{2,30}$/;

/** A card shared into the channel from an ephemeral answer, credited to who shared it. */
export function renderShared(card: TalkCard, userId: string): SlackMessage {
  // The only markup we create on purpose: a mention of the (Slack-provided) user id.
  const by = USER_ID.test(userId) ? `shared by <@${userId}>` : "shared from virt-talks";
  return {
    text: `${by}: ${clip(cardFallback(card), BLOCK_KIT_LIMITS.fallbackText - 100)}`,
    blocks: [context(by), ...slackCardBlocks(card, { index: 0, share: false })],
  };
}

/** A card posted by the bot itself (the talk of the day): link buttons only. */
export function renderPostedCard(card: TalkCard): SlackMessage {
  return renderTalk(card, "mention");
}
