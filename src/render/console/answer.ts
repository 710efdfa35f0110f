// The terminal renderer: pure functions from the core's Answer and TalkCard to plain text.
// No colours on purpose: output is also piped to files and other programs.

import { byline, NO_LINK, type TalkCard } from "../../core/card.ts";
import type { HELP } from "../../core/help.ts";
import { permalinkOf } from "../../core/permalink.ts";
import type { Reply } from "../../core/reply.ts";
import { subscriptionText } from "../../totd/subscription-replies.ts";
import { watchText } from "../../watch/watch-replies.ts";
import { renderSmallTalk, renderTopics, renderUnknownTopic, speakerHint } from "./guide.ts";
import { clean, wrap } from "./text.ts";

const WIDTH = 80;
const INDENT = "   ";

interface CardOptions {
  /** Put in front of the title, e.g. "1." in a result list. */
  readonly marker?: string;
  /** Also show the talk date and key points (the `show` view). */
  readonly full?: boolean;
  readonly width?: number;
}

export function consoleCard(card: TalkCard, options: CardOptions = {}): string {
  const width = options.width ?? WIDTH;
  const lines: string[] = [];
  if (card.heading) lines.push(`=== ${clean(card.heading)} ===`);
  const title = clean(card.title);
  lines.push(...wrap(options.marker ? `${options.marker} ${title}` : title, width, "", INDENT));
  // With PUBLIC_URL set: the talk's own page, right under its title.
  const page = permalinkOf(card);
  if (page) lines.push(`${INDENT}Page: ${clean(page)}`);
  lines.push(...wrap(clean(byline(card)), width, INDENT));
  if (options.full && card.date) lines.push(`${INDENT}Date: ${clean(card.date)}`);
  lines.push(...wrap(clean(card.summary), width, INDENT));
  if (options.full && card.keyPoints.length) {
    lines.push(`${INDENT}Key points:`);
    for (const point of card.keyPoints) {
      lines.push(...wrap(`- ${clean(point)}`, width, INDENT, `${INDENT}  `));
    }
  }
  if (card.topics.length)
    lines.push(...wrap(`Topics: ${card.topics.map(clean).join(", ")}`, width, INDENT));
  if (card.links.length === 0) lines.push(`${INDENT}Links: ${NO_LINK}`);
  for (const link of card.links) lines.push(`${INDENT}${clean(link.label)}: ${clean(link.url)}`);
  return lines.join("\n");
}

interface HitList {
  readonly query: string;
  readonly cards: readonly TalkCard[];
  /** Index of the first card among all results, for the numbering. */
  readonly offset: number;
  /** Typo corrections as the engine reports them ("migraton → migration"). */
  readonly corrections: readonly string[];
  readonly footer: string;
  /** What a listing is ("Schedule for tomorrow"), in place of the query. */
  readonly heading?: string;
}

/** "(searched for: migration)" from ["migraton → migration"], or "" when nothing was corrected. */
function correctionsNote(corrections: readonly string[]): string {
  if (corrections.length === 0) return "";
  const used = corrections.map((c) => clean(c.split("→").pop() ?? c));
  return ` (searched for: ${used.join(", ")})`;
}

export function renderHitList(list: HitList): string {
  const what = list.heading ?? `Talks matching "${clean(list.query)}"`;
  const header = `${clean(what)}${correctionsNote(list.corrections)}:`;
  const cards = list.cards.map((card, i) =>
    consoleCard(card, { marker: `${list.offset + i + 1}.` }),
  );
  return [header, ...cards, list.footer].join("\n\n");
}

/** "Showing 1–3 of 7 — type `more` for the next page", or a plain count on the last page. */
export function pageFooter(offset: number, count: number, total: number): string {
  const from = offset + 1;
  const to = offset + count;
  // One talk picked from a list ("show 3") is "3 of 8", not "3–3 of 8".
  const range = from === to ? `${from}` : `${from}–${to}`;
  if (to < total) return `Showing ${range} of ${total} — type \`more\` for the next page`;
  if (from === 1) return total === 1 ? "1 talk found." : `${total} talks found.`;
  return `Showing ${range} of ${total}.`;
}

export function renderNoResults(
  query: string,
  suggestions: readonly string[],
  /** The filter that matches nothing at all (filter-miss.ts), said instead of what to try. */
  why?: string,
): string {
  const first = `No talks found for "${clean(query)}".`;
  if (why !== undefined) return [first, ...wrap(clean(why), WIDTH, "")].join("\n");
  if (suggestions.length === 0) return `${first}\nTry fewer or different words.`;
  const topics = suggestions.map(clean);
  const hint = wrap(`Try a topic: ${topics.join(", ")} (e.g. topic:${topics[0]}).`, WIDTH, "");
  return [first, ...hint].join("\n");
}

function renderHelp(help: typeof HELP): string {
  const column = Math.max(...help.commands.map((c) => c.syntax.length)) + 2;
  return [
    help.intro,
    "",
    ...help.commands.map((c) => `  ${c.syntax.padEnd(column)}${c.description}`),
    "",
    "Examples:",
    ...help.examples.map((e) => `  ${e}`),
    "",
    "Type with or without /virt. `more` shows the next page; `quit` or Ctrl-D leaves.",
  ].join("\n");
}

/** Also after a search that found nothing: "search first" told them to do what they did. */
export const NOTHING_TO_PAGE =
  "Nothing to page through yet — `more` goes on from a search that found talks, e.g. `numa`.";
const HELP_POINTER = "Type `help` for the commands and examples.";

export function renderConsoleAnswer(answer: Reply): string {
  switch (answer.kind) {
    case "help":
      return renderHelp(answer.help);
    case "usage":
      return `${clean(answer.message)}\n${HELP_POINTER}`;
    case "results":
      return renderHitList({
        query: answer.query,
        cards: answer.hits.map((h) => h.card),
        offset: answer.offset,
        corrections: answer.corrections,
        footer: pageFooter(answer.offset, answer.hits.length, answer.total),
        ...(answer.heading === undefined ? {} : { heading: answer.heading }),
      });
    case "no-results":
      return `${renderNoResults(answer.query, answer.suggestions, answer.why)}${speakerHint(answer.speakers)}\n${HELP_POINTER}`;
    case "unknown-topic":
      return renderUnknownTopic(answer);
    case "topics":
      return renderTopics(answer);
    case "small-talk":
      return renderSmallTalk(answer);
    case "talk": {
      // The core sets a heading on these cards; name the reason if one ever comes without.
      const heading =
        answer.card.heading ?? (answer.reason === "today" ? "Talk of the day" : "Random talk");
      return consoleCard({ ...answer.card, heading });
    }
    case "nothing-to-page":
      return NOTHING_TO_PAGE;
    case "end-of-results": {
      const n = answer.total === 1 ? "1 talk" : `${answer.total} talks`;
      return `That was all for "${clean(answer.query)}" (${n}). Try another search.`;
    }
    case "slow-down":
    case "note":
      return clean(answer.message);
    case "subscribed":
    case "unsubscribed":
    case "subscription-status":
    case "subscription-refused":
    case "subscription-usage":
      return clean(subscriptionText(answer));
    case "watch-added":
    case "watch-list":
    case "unwatched":
    case "watch-refused":
    case "watch-usage":
      return clean(watchText(answer));
  }
}
