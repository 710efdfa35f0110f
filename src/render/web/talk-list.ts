// A list of talks as the search page and the list pages show it: the title linking to the
// talk's page, who and where, the summary cut short. And the pager under a list.
import { byline, type TalkCard } from "../../core/card.ts";
import { BUDGET, escapeHtml, pageLink, type Site, text } from "./html.ts";
import { paths } from "./paths.ts";

/** The summary, or "" for an imported talk without one (read defensively: it may be absent). */
export const summaryOf = (card: TalkCard): string =>
  typeof card.summary === "string" ? card.summary : "";

function item(site: Site, card: TalkCard, heading: "h2" | "h3", withSummary: boolean): string {
  const title = pageLink(site.base, paths.talk(card.id), text(card.title, BUDGET.title));
  const summary = summaryOf(card);
  const about =
    withSummary && summary ? `<p dir="auto">${text(summary, BUDGET.listSummary)}</p>` : "";
  return `<li><${heading} dir="auto">${title}</${heading}><p class="muted" dir="auto">${text(byline(card), BUDGET.line)}</p>${about}</li>`;
}

/** An ordered list of talk items; `start` numbers the first (1-based) for screen readers. */
export function talkList(
  site: Site,
  cards: readonly TalkCard[],
  options: { heading?: "h2" | "h3"; start?: number; summaries?: boolean } = {},
): string {
  const start = options.start && options.start > 1 ? ` start="${options.start}"` : "";
  const items = cards.map((c) => item(site, c, options.heading ?? "h2", options.summaries ?? true));
  return `<ol class="talks"${start}>${items.join("")}</ol>`;
}

/** "Showing 11–20 of 57" with Previous / Next links; `href(page)` builds a page's path. */
export function pager(
  site: Site,
  page: {
    readonly offset: number;
    readonly count: number;
    readonly total: number;
    readonly size: number;
  },
  href: (page: number) => string,
): string {
  const { offset, count, total, size } = page;
  const number = Math.floor(offset / size) + 1;
  const shown =
    total === 0
      ? "No talks."
      : count === total
        ? total === 1
          ? "1 talk."
          : `${total} talks.`
        : `Showing ${offset + 1}–${offset + count} of ${total}.`;
  const prev =
    number > 1
      ? pageLink(site.base, href(number - 1), '<span aria-hidden="true">←</span> Previous')
      : "<span></span>";
  const next =
    offset + count < total
      ? pageLink(site.base, href(number + 1), 'Next <span aria-hidden="true">→</span>')
      : "<span></span>";
  const links =
    number > 1 || offset + count < total
      ? `<nav class="pager" aria-label="Result pages">${prev}${next}</nav>`
      : "";
  return `<p class="muted">${escapeHtml(shown)}</p>${links}`;
}
