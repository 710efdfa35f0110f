// A link pasted alone ("https://fosdem.org/2021/schedule/event/vai_firecracker/", a slide
// deck's address): the talks that carry that link. Searched as words, an address matched
// nothing, or everything sharing its host and year. People paste the page they were
// reading, so it counts as the talk's when it is one of the talk's links, the start of one
// (the schedule page of which a slide file is an attachment), or the same page on the same
// site under another name (video.fosdem.org/…/vai_firecracker.webm for the schedule's
// …/event/vai_firecracker/). Addresses are read with the URL parser. Pure.
import { shownOffset } from "./answer-paging.ts";
import type { Answer } from "./answer-types.ts";
import { toCard } from "./card.ts";
import type { SearchRequest } from "./search-request.ts";
import type { Talk } from "./talk.ts";

/** An address as compared: host without "www.", path without a trailing slash. */
interface Address {
  readonly host: string;
  /** The last two labels of the host: fosdem.org for video.fosdem.org. */
  readonly site: string;
  readonly path: string;
  /** The last path segment without its file extension ("vai_firecracker"). */
  readonly name: string;
}

/**
 * Whether a page's name can identify a talk across a site: long, and made like a slug
 * ("vai_firecracker", "2011-forum-vfio"), not a word every talk's pages share ("slides").
 */
const namesATalk = (name: string) => name.length >= 6 && /[-_\d]/.test(name);

function readAddress(text: string): Address | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  const host = url.hostname.toLowerCase().replace(/^www\./, "");
  const path = decodePath(url.pathname).replace(/\/+$/, "");
  const last = path.slice(path.lastIndexOf("/") + 1);
  const dot = last.lastIndexOf(".");
  return {
    host,
    site: host.split(".").slice(-2).join("."),
    path: path + url.search,
    name: (dot > 0 ? last.slice(0, dot) : last).toLowerCase(),
  };
}

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** The one address a message is, or null: a pasted link alone (in <…> as Slack shows it). */
export function pastedAddress(words: readonly string[]): string | null {
  if (words.length !== 1) return null;
  const text = words[0]!.replace(/^<(.*)>$/, "$1");
  return readAddress(text) ? text : null;
}

/** How closely a talk's link matches the pasted one: 0 the same, 1 under it, 2 same page name. */
function closeness(pasted: Address, link: Address): number | null {
  if (link.host === pasted.host && link.path === pasted.path) return 0;
  if (link.host === pasted.host && pasted.path !== "" && link.path.startsWith(`${pasted.path}/`))
    return 1;
  if (link.site === pasted.site && namesATalk(pasted.name) && link.name === pasted.name) return 2;
  return null;
}

/** The talks that carry the pasted address, closest first, then in catalog order. */
export function talksLinkedFrom(address: string, talks: readonly Talk[]): Talk[] {
  const pasted = readAddress(address);
  if (!pasted) return [];
  // Every match has the pasted page's name in its address: only those are parsed, so a
  // paste costs a scan of the catalog's links, not 30,000 URL parses.
  const mayMatch = (url: string) => pasted.name === "" || url.toLowerCase().includes(pasted.name);
  const found: { talk: Talk; closeness: number }[] = [];
  for (const talk of talks) {
    let best: number | null = null;
    for (const { url } of talk.links) {
      const link = mayMatch(url) ? readAddress(url) : null;
      const c = link && closeness(pasted, link);
      if (typeof c === "number" && (best === null || c < best)) best = c;
    }
    if (best !== null) found.push({ talk, closeness: best });
  }
  // Stable: talks equally close keep their catalog order.
  return found.sort((a, b) => a.closeness - b.closeness).map((f) => f.talk);
}

/** A link pasted alone: the talks that carry it, or why none is shown; null for a search. */
export function linkAnswer(
  request: SearchRequest,
  talks: readonly Talk[],
  pageSize: number,
  wanted: number,
): Answer | null {
  const { phrases, speakers, events, topics } = request;
  const filtered = phrases.length + speakers.length + events.length + topics.length;
  const address = filtered || request.years ? null : pastedAddress(request.words);
  if (address === null) return null;
  const linked = talksLinkedFrom(address, talks);
  if (linked.length === 0) {
    // Its words ("fosdem", "2021", "event") find talks that only share the site or year.
    const why = "No talk in the catalog has that link; try the talk's title or speaker.";
    return { kind: "no-results", query: request.text, why, suggestions: [], speakers: [] };
  }
  const offset = shownOffset(wanted, linked.length);
  const hits = linked
    .slice(offset, offset + pageSize)
    .map((talk) => ({ card: toCard(talk), score: 0, matched: [] }));
  return {
    kind: "results",
    query: request.text,
    hits,
    offset,
    total: linked.length,
    corrections: [],
    heading: linked.length === 1 ? "The talk with that link" : "Talks with that link",
  };
}
