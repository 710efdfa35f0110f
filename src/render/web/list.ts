// PURE: the list pages — a speaker's talks, a topic's, an event's, the talks added lately —
// and the error pages.
import type { TalkCard } from "../../core/card.ts";
import { document, escapeHtml, type Site, text } from "./html.ts";
import { PAGE_SIZE, pagedPath } from "./paths.ts";
import { pager, talkList } from "./talk-list.ts";

export interface ListView {
  /** "Talks by Ada Example", "Topic: numa", "KVM Forum 2026", "Added in the last 30 days". */
  readonly title: string;
  /** A line under the title (a topic's description), or null. */
  readonly lead: string | null;
  /** The list's own path (page links add ?page=N). */
  readonly path: string;
  /** This page of the list. */
  readonly cards: readonly TalkCard[];
  readonly offset: number;
  readonly total: number;
  /** Feeds and calendars of this list: [type, path, title]. */
  readonly alternates?: readonly (readonly [string, string, string])[];
  /** A link under the title (a calendar or a feed): [path, label]. */
  readonly subscribe?: readonly [string, string];
}

export function renderListPage(site: Site, view: ListView): string {
  const lead = view.lead ? `<p dir="auto">${text(view.lead)}</p>` : "";
  const subscribe = view.subscribe
    ? `<p><a href="${escapeHtml(site.base + view.subscribe[0])}">${text(view.subscribe[1])}</a></p>`
    : "";
  const page = {
    offset: view.offset,
    count: view.cards.length,
    total: view.total,
    size: PAGE_SIZE,
  };
  return document(site, {
    title: view.title,
    main: [
      `<h1 dir="auto">${text(view.title, 200)}</h1>${lead}${subscribe}`,
      talkList(site, view.cards, { start: view.offset + 1 }),
      pager(site, page, (n) => pagedPath(view.path, n)),
    ].join(""),
    ...(view.alternates ? { alternates: view.alternates } : {}),
  });
}

const ERRORS: Readonly<Record<number, readonly [string, string]>> = {
  404: ["Not found", "There is no page at this address. Search for a talk instead."],
  405: ["Method not allowed", "These pages can only be read (GET or HEAD)."],
  429: ["Too many requests", "Please wait a few seconds and try again."],
  500: ["Something went wrong", "The page could not be made. Please try again later."],
};

export function renderErrorPage(site: Site, status: number): string {
  const [title, line] = ERRORS[status] ?? ERRORS[500]!;
  return document(site, { title, main: `<h1>${title}</h1><p>${line}</p>` });
}
