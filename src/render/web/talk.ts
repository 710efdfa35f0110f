// PURE: the page of one talk. Title and subtitle, speakers (each linking to their page),
// event, time, track, room, summary, key points, topics, every link by kind, related talks,
// and for an imported talk where it came from.
import { NO_LINK, NO_SPEAKER, type TalkCard } from "../../core/card.ts";
import { BUDGET, document, externalLink, pageLink, type Site, text } from "./html.ts";
import { paths, speakerSlug } from "./paths.ts";
import { summaryOf, talkList } from "./talk-list.ts";
import { scheduleTime } from "./when.ts";

/** Fields a talk may carry beyond the card (schedules: subtitle, times, room; imports: source). */
export interface TalkExtras {
  readonly subtitle: string | null;
  /** ISO 8601 date-times with offset. */
  readonly start: string | null;
  readonly end: string | null;
  /** IANA zone the schedule gives its times in. */
  readonly timeZone: string | null;
  readonly room: string | null;
  readonly source: {
    readonly format: string;
    readonly origin: string;
    readonly importedAt: string;
  } | null;
}

export const NO_EXTRAS: TalkExtras = Object.freeze({
  subtitle: null,
  start: null,
  end: null,
  timeZone: null,
  room: null,
  source: null,
});

export interface TalkView {
  readonly card: TalkCard;
  readonly eventId: string;
  readonly location: string | null;
  readonly extras: TalkExtras;
  /** Talks on the same topics or by the same speakers, best first. */
  readonly related: readonly TalkCard[];
  /** "Talk of the day · 2026-11-22" on /today; absent on the talk's own page. */
  readonly heading?: string;
}

function speakers(site: Site, names: readonly string[]): string {
  if (names.length === 0) return text(NO_SPEAKER);
  return names
    .map((n) =>
      speakerSlug(n)
        ? pageLink(site.base, paths.speaker(n), `<bdi>${text(n, BUDGET.name)}</bdi>`)
        : `<bdi>${text(n, BUDGET.name)}</bdi>`,
    )
    .join(", ");
}

function facts(site: Site, view: TalkView): string {
  const { card, extras } = view;
  const rows: [string, string][] = [
    [card.speakers.length > 1 ? "Speakers" : "Speaker", speakers(site, card.speakers)],
  ];
  const event = card.event.includes(String(card.year)) ? card.event : `${card.event} ${card.year}`;
  const where = view.location ? ` (${text(view.location)})` : "";
  rows.push(["Event", `${pageLink(site.base, paths.event(view.eventId), text(event))}${where}`]);
  const when = scheduleTime(extras.start, extras.end, extras.timeZone) ?? card.date;
  if (when) rows.push(["When", text(when)]);
  if (card.track) rows.push(["Track", text(card.track)]);
  if (extras.room) rows.push(["Room", text(extras.room)]);
  return `<dl>${rows.map(([k, v]) => `<dt>${k}</dt><dd dir="auto">${v}</dd>`).join("")}</dl>`;
}

function section(title: string, html: string): string {
  return html ? `<h2>${title}</h2>${html}` : "";
}

function links(card: TalkCard): string {
  if (card.links.length === 0) return `<p class="muted">${text(NO_LINK)}</p>`;
  const items = card.links.map(
    (l) =>
      `<li>${text(l.label || l.kind)}: ${externalLink(l.url, l.url.length > BUDGET.url ? `${l.url.slice(0, BUDGET.url)}…` : l.url)}</li>`,
  );
  return `<ul>${items.join("")}</ul>`;
}

function source(extras: TalkExtras): string {
  const s = extras.source;
  if (!s) return "";
  const origin = externalLink(
    s.origin,
    s.origin.length > BUDGET.url ? `${s.origin.slice(0, BUDGET.url)}…` : s.origin,
  );
  return `<p>Imported from ${origin} (${text(s.format)}) on ${text(s.importedAt.slice(0, 10))}.</p>`;
}

export function talkBody(site: Site, view: TalkView): string {
  const { card, extras } = view;
  const heading = view.heading ? `<p class="muted">${text(view.heading)}</p>` : "";
  const subtitle = extras.subtitle
    ? `<p class="subtitle" dir="auto">${text(extras.subtitle, BUDGET.title)}</p>`
    : "";
  const summary = summaryOf(card);
  const points = card.keyPoints.map((p) => `<li dir="auto">${text(p)}</li>`).join("");
  const topics = card.topics
    .map((t) => `<li>${pageLink(site.base, paths.topic(t), text(t, 60))}</li>`)
    .join("");
  return [
    `<article>${heading}<h1 dir="auto">${text(card.title, BUDGET.title)}</h1>${subtitle}`,
    facts(site, view),
    section("Summary", summary ? `<p dir="auto">${text(summary, BUDGET.summary)}</p>` : ""),
    section("Key points", points ? `<ul>${points}</ul>` : ""),
    section("Topics", topics ? `<ul class="chips">${topics}</ul>` : ""),
    section("Links", links(card)),
    section(
      "Related talks",
      view.related.length ? talkList(site, view.related, { heading: "h3", summaries: false }) : "",
    ),
    section("Source", source(extras)),
    "</article>",
  ].join("");
}

export function renderTalkPage(site: Site, view: TalkView): string {
  const { card } = view;
  return document(site, {
    title: view.heading ?? card.title,
    main: talkBody(site, view),
    alternates: [["text/calendar", paths.eventCalendar(view.eventId), `${card.event} (iCalendar)`]],
  });
}
