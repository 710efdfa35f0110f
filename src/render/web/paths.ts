// The public pages' addresses, in one place: renderers link with these, the server routes
// with them, and permalinks in chat cards point at talkPath. Every segment is encoded, so a
// catalog id or a speaker's name can never break out of its path segment.
import { fold } from "../../core/sanitize.ts";

export const PAGE_SIZE = 10;

/** "Jörg Rödel" → "jorg-rodel": a speaker's page address; "" when nothing is left. */
export function speakerSlug(name: string): string {
  return fold(name)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

const seg = encodeURIComponent;

export const paths = {
  home: "/",
  today: "/today",
  recent: "/new",
  talk: (id: string) => `/talks/${seg(id)}`,
  speaker: (name: string) => `/speakers/${seg(speakerSlug(name))}`,
  topic: (slug: string) => `/topics/${seg(slug)}`,
  event: (id: string) => `/events/${seg(id)}`,
  eventCalendar: (id: string) => `/events/${seg(id)}.ics`,
  todayCalendar: "/today.ics",
  recentFeed: "/new.atom",
  /** A search page; page 1 carries no page parameter. */
  search(query: string, page = 1): string {
    const params = new URLSearchParams({ q: query });
    if (page > 1) params.set("page", String(page));
    return `/?${params}`;
  },
} as const;

/** `path` with `?page=N` (N > 1) for the paged lists. */
export function pagedPath(path: string, page: number): string {
  return page > 1 ? `${path}?page=${page}` : path;
}
