// PURE: the Atom feed of talks added lately (/new.atom). Every text is cleaned of control
// characters (XML 1.0 forbids most of them) and escaped; ids and links are absolute.
import { byline, type TalkCard } from "../../core/card.ts";
import { sanitizeInput } from "../../core/sanitize.ts";
import { escapeHtml } from "./html.ts";
import { paths } from "./paths.ts";
import { summaryOf } from "./talk-list.ts";

interface FeedEntry {
  readonly card: TalkCard;
  /** YYYY-MM-DD the talk joined the catalog. */
  readonly added: string;
}

const xml = (value: string) => escapeHtml(sanitizeInput(value));
const stamp = (day: string) => `${day}T00:00:00Z`;

/** `publicUrl`: PUBLIC_URL without a trailing slash; `today` stamps an empty feed. */
export function renderAtom(
  publicUrl: string,
  entries: readonly FeedEntry[],
  today: string,
): string {
  const updated = stamp(entries[0]?.added ?? today);
  const items = entries.map(({ card, added }) => {
    const url = xml(publicUrl + paths.talk(card.id));
    return [
      `<entry><id>${url}</id><title>${xml(card.title)}</title><updated>${stamp(added)}</updated>`,
      `<link href="${url}"/>`,
      ...card.speakers.map((s) => `<author><name>${xml(s)}</name></author>`),
      `<summary>${xml(`${byline(card)}. ${summaryOf(card)}`)}</summary>`,
      ...card.topics.map((t) => `<category term="${xml(t)}"/>`),
      "</entry>",
    ].join("");
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">',
    `<id>${xml(publicUrl + paths.recent)}</id><title>virt-talks: new talks</title>`,
    `<updated>${updated}</updated><author><name>virt-talks</name></author>`,
    `<link rel="self" href="${xml(publicUrl + paths.recentFeed)}"/>`,
    `<link href="${xml(publicUrl + paths.recent)}"/>`,
    ...items,
    "</feed>\n",
  ].join("");
}
