// The platform-neutral talk card: everything a renderer needs, nothing platform-specific.
// Renderers (Block Kit, Matrix HTML, terminal) are pure functions of this type. Its text
// is the catalog's as loaded, already clean of bidi and invisible characters
// (src/core/catalog-files.ts): nothing is cleaned again per card.
import type { LinkKind, Talk } from "./talk.ts";

export interface CardLink {
  readonly kind: LinkKind;
  /** Button or link text: "Slides", "Notes", "Event page", ... */
  readonly label: string;
  readonly url: string;
}

export interface TalkCard {
  readonly id: string;
  readonly title: string;
  /** An imported talk's subtitle, shown apart from the title and the summary. */
  readonly subtitle?: string | null;
  readonly speakers: readonly string[];
  readonly event: string;
  /** The schedule's track or session of an imported talk; absent or null otherwise. */
  readonly track?: string | null;
  readonly year: number;
  readonly date: string | null;
  readonly summary: string;
  readonly keyPoints: readonly string[];
  readonly topics: readonly string[];
  readonly links: readonly CardLink[];
  /** The link the title points to (slides first), or null when the sources give none. */
  readonly url: string | null;
  /**
   * A timed talk listed by new, now, next or schedule: "Thu 14:30–15:00 · Room 1", its
   * local time and room. Shown first in the byline, so every renderer carries it.
   */
  readonly slot?: string | null;
  /** e.g. "Talk of the day · 2026-11-22"; null for plain results. */
  readonly heading: string | null;
}

const LINK_LABELS: Readonly<Record<LinkKind, string>> = Object.freeze({
  slides: "Slides",
  paper: "Paper",
  notes: "Notes",
  event: "Event page",
  article: "Article",
  reference: "Reference",
  page: "Page",
  video: "Video",
  attachment: "Attachment",
  website: "Website",
});

/**
 * Which link a title should point to, best first. An imported talk's title links only to
 * its page (or its event's): a recording or an attachment is a download, never a title.
 * Hand-written talks have no "page" link, so they keep slides first.
 */
const BEST_LINK_ORDER: readonly LinkKind[] = [
  "page",
  "slides",
  "paper",
  "notes",
  "event",
  "article",
  "reference",
];

/** What a card says where the speakers are unknown. */
export const NO_SPEAKER = "speaker not named in the sources";
/** What a card says for an imported talk whose schedule has no abstract. */
export const NO_ABSTRACT = "The schedule has no abstract.";
/** What a card says where the sources give no link. */
export const NO_LINK = "no link in the sources";

export function toCard(talk: Talk, heading: string | null = null): TalkCard {
  const links = talk.links.map((l) => ({ kind: l.kind, label: LINK_LABELS[l.kind], url: l.url }));
  const best = BEST_LINK_ORDER.map((k) => links.find((l) => l.kind === k)).find(
    (l) => l !== undefined,
  );
  return {
    id: talk.id,
    title: talk.title,
    subtitle: talk.subtitle ?? null,
    speakers: talk.speakers,
    event: talk.event,
    track: talk.track ?? null,
    year: talk.year,
    date: talk.date,
    summary: talk.summary || NO_ABSTRACT,
    keyPoints: talk.keyPoints,
    topics: talk.topics,
    links,
    url: best?.url ?? null,
    heading,
  };
}

/**
 * "Alex Williamson · KVM Forum 2011" — the byline every renderer shows; an imported
 * talk adds its track: "Ada Example · FOSDEM 2026 · Virtualization"; a listed timed talk starts
 * with its slot: "Sat 14:30–15:00 · Room 1 · Ada Example · FOSDEM 2026".
 */
export function byline(card: TalkCard): string {
  const who = card.speakers.length ? card.speakers.join(", ") : NO_SPEAKER;
  const event = card.event.includes(String(card.year)) ? card.event : `${card.event} ${card.year}`;
  const line = card.track ? `${who} · ${event} · ${card.track}` : `${who} · ${event}`;
  return card.slot ? `${card.slot} · ${line}` : line;
}
