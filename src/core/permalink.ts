// Permalinks: with PUBLIC_URL set, every talk has a page of its own (src/web), and a card
// can carry the address of that page. The field rides on the card as an optional extra
// (set by the wiring, src/web/talk-pages.ts) so the core's card stays what it is without
// the web pages, and every renderer reads it through permalinkOf.
import type { TalkCard } from "./card.ts";

/** A card that may know the address of its talk's page. */
type LinkedCard = TalkCard & { readonly permalink?: string };

/** What the adapters may ask of the public pages (only with PUBLIC_URL set). */
export interface TalkPages {
  /** The absolute address of a talk's page. */
  url(id: string): string;
  /** The card of the talk whose page `url` is, or null when it is not one of ours. */
  cardAt(url: string): TalkCard | null;
}

/** The page of the card's talk, or null when there are no pages (PUBLIC_URL unset). */
export function permalinkOf(card: TalkCard): string | null {
  const value = (card as LinkedCard).permalink;
  return typeof value === "string" && value !== "" ? value : null;
}

export function withPermalink<T extends TalkCard>(card: T, url: string): T & LinkedCard {
  return { ...card, permalink: url };
}
