// Answer → one Matrix m.notice. Pure: same answer in, same content out.
// `body` is plain text that reads well on its own (notifications, bridges, text clients);
// `formatted_body` is org.matrix.custom.html using only tags the spec allows
// (p, br, strong, em, a, code, ul, li). Every piece of catalog or user text is escaped.

import { BANG_COMMAND as COMMAND_PREFIX } from "../../core/address.ts";
import { byline, NO_LINK, type TalkCard } from "../../core/card.ts";
import type { HELP } from "../../core/help.ts";
import { permalinkOf } from "../../core/permalink.ts";
import type { Reply } from "../../core/reply.ts";
import { subscriptionText } from "../../totd/subscription-replies.ts";
import { watchText } from "../../watch/watch-replies.ts";
import { renderSmallTalk, renderTopics, renderUnknownTopic, withSpeakerHint } from "./guide.ts";
import { escapeHtml, link } from "./html.ts";
import {
  code,
  type Fragment,
  line,
  type NoticeContent,
  notice,
  type Part,
  paragraph,
} from "./notice.ts";

const MORE = `${COMMAND_PREFIX} more`;
/** A command as a Matrix user types it ("!virt unsubscribe"). */
const typed = (command: string) => `${COMMAND_PREFIX} ${command}`;

/** What only the adapter knows: how people address this bot (its display name). */
interface MatrixRenderContext {
  /** "Virt Talks" in "Virt Talks: numa"; the default localpart when absent. */
  readonly address?: string;
}

/** The bot's usual localpart, for help rendered without an adapter (tests, previews). */
const DEFAULT_ADDRESS = "virt-talks";

const quoted = (q: string): Fragment => [`“${q}”`, `<strong>${escapeHtml(q)}</strong>`];

/** A talk: title (linked to its best link), byline, summary, the other links. */
export function cardPart(card: TalkCard, number?: number): Part {
  const prefix = number === undefined ? "" : `${number}. `;
  // With PUBLIC_URL set the title links to the talk's own page, and every source link follows.
  const url = permalinkOf(card) ?? card.url;
  const title: Fragment =
    url === null
      ? [
          `${prefix}${card.title} (${NO_LINK})`,
          `<strong>${escapeHtml(prefix + card.title)}</strong> <em>(${escapeHtml(NO_LINK)})</em>`,
        ]
      : [
          `${prefix}${card.title} — ${url}`,
          `<strong>${escapeHtml(prefix)}${link(url, card.title)}</strong>`,
        ];
  const lines: Fragment[] = [
    title,
    [byline(card), `<em>${escapeHtml(byline(card))}</em>`],
    line(card.summary),
  ];
  if (card.topics.length > 0) {
    const topics = `Topics: ${card.topics.join(" · ")}`;
    lines.push([topics, `<em>${escapeHtml(topics)}</em>`]);
  }
  const others = card.links.filter((l) => l.url !== url);
  if (others.length > 0) {
    lines.push([
      `Also: ${others.map((l) => `${l.label} ${l.url}`).join(" · ")}`,
      `Also: ${others.map((l) => link(l.url, l.label)).join(" · ")}`,
    ]);
  }
  return paragraph(lines);
}

function helpParts(help: typeof HELP, address: string): Part[] {
  // A mention people can type as shown: the name at the start, then ":" (a pill works too).
  const mention = (q: string) => code(`${address}: ${q}`);
  const intro = paragraph([
    line(help.intro),
    line("Ask with ", code(`${COMMAND_PREFIX} …`), " or mention me, e.g. ", mention("numa"), "."),
  ]);
  const commands: Part = {
    text: help.commands.map((c) => `• ${c.syntax} — ${c.description}`).join("\n"),
    html: `<ul>${help.commands
      .map((c) => `<li><code>${escapeHtml(c.syntax)}</code> — ${escapeHtml(c.description)}</li>`)
      .join("")}</ul>`,
  };
  const examples = help.examples.map((e, i) =>
    i === 0 ? code(`${COMMAND_PREFIX} ${e}`) : mention(e),
  );
  const outro = paragraph([
    line("After a search, ", code(MORE), " shows the next talks."),
    line("Examples: ", ...examples.flatMap((e, i) => (i === 0 ? [e] : [" · ", e]))),
  ]);
  return [intro, commands, outro];
}

function range(offset: number, count: number, total: number): string {
  const from = offset + 1;
  const to = offset + count;
  return from === to ? `${from} of ${total}` : `${from}–${to} of ${total}`;
}

export function renderMatrixAnswer(
  answer: Reply,
  context: MatrixRenderContext = {},
): NoticeContent {
  const address = context.address ?? DEFAULT_ADDRESS;
  switch (answer.kind) {
    case "help":
      return notice(helpParts(answer.help, address));
    case "usage":
      // One line and where to read more: the whole help in a room buries the conversation.
      return notice([
        paragraph([
          line(answer.message),
          line("Send ", code(`${COMMAND_PREFIX} help`), " for what I understand."),
        ]),
      ]);
    case "results": {
      const header: Fragment[] = [
        line(
          ...(answer.heading === undefined
            ? ["Talks for ", quoted(answer.query)]
            : [answer.heading]),
          ` — ${range(answer.offset, answer.hits.length, answer.total)}`,
        ),
      ];
      if (answer.corrections.length > 0) {
        const fixed = `Corrected: ${answer.corrections.join(", ")}`;
        header.push([fixed, `<em>${escapeHtml(fixed)}</em>`]);
      }
      const parts = [
        paragraph(header),
        ...answer.hits.map((h, i) => cardPart(h.card, answer.offset + i + 1)),
      ];
      const remaining = answer.total - answer.offset - answer.hits.length;
      if (remaining > 0) parts.push(paragraph([line(`${remaining} more — send `, code(MORE))]));
      return notice(parts);
    }
    case "no-results": {
      const next =
        answer.suggestions.length > 0
          ? line(
              `Try a topic: ${answer.suggestions.join(", ")} (e.g. `,
              code(`${COMMAND_PREFIX} topic:${answer.suggestions[0]}`),
              "), or ",
              code(`${COMMAND_PREFIX} help`),
              ".",
            )
          : line("Send ", code(`${COMMAND_PREFIX} help`), " for the search syntax.");
      const why = answer.why === undefined ? [] : [line(answer.why)];
      const none = notice([
        paragraph([line("No talks found for ", quoted(answer.query), "."), ...why, next]),
      ]);
      return withSpeakerHint(none, answer.speakers);
    }
    case "unknown-topic":
      return renderUnknownTopic(answer);
    case "topics":
      return renderTopics(answer);
    case "small-talk":
      return renderSmallTalk(answer);
    case "talk":
      return matrixCardContent(
        answer.card,
        answer.reason === "today" ? "Talk of the day" : "Random talk",
      );
    case "nothing-to-page":
      return renderNothingToPage();
    case "end-of-results":
      return renderEndOfResults(answer.query, answer.total);
    case "slow-down":
    case "note":
      return renderText(answer.message);
    case "subscribed":
    case "unsubscribed":
    case "subscription-status":
    case "subscription-refused":
    case "subscription-usage":
      return renderText(subscriptionText(answer, typed));
    case "watch-added":
    case "watch-list":
    case "unwatched":
    case "watch-refused":
    case "watch-usage":
      return renderText(watchText(answer, typed));
  }
}

/** A card on its own (the talk of the day, a random talk), under its heading if it has one. */
export function matrixCardContent(
  card: TalkCard,
  fallbackHeading: string | null = null,
): NoticeContent {
  const heading = card.heading ?? fallbackHeading;
  return notice([
    ...(heading === null
      ? []
      : [{ text: heading, html: `<p><strong>${escapeHtml(heading)}</strong></p>` }]),
    cardPart(card),
  ]);
}

export function renderNothingToPage(): NoticeContent {
  return notice([
    paragraph([
      // Also after a search that found nothing: "search first" told them to do what they did.
      line(
        "Nothing to page through yet: more goes on from a search that found talks, e.g. ",
        code(`${COMMAND_PREFIX} numa`),
        ".",
      ),
    ]),
  ]);
}

export function renderEndOfResults(query: string, total: number): NoticeContent {
  return notice([
    paragraph([
      line(`That was all ${total} ${total === 1 ? "talk" : "talks"} for `, quoted(query), "."),
    ]),
  ]);
}

export function renderText(text: string): NoticeContent {
  return notice([paragraph([line(text)])]);
}
