// A link pasted alone ("https://fosdem.org/2021/schedule/event/vai_firecracker/", a slide
// deck's address): the talks that carry it (search/linked.ts says which do), headed as
// such, or a line saying no talk has it: searched as words, an address matched nothing,
// or everything sharing its host and year.
import { shownOffset } from "./answer-paging.ts";
import type { Answer } from "./answer-types.ts";
import { toCard } from "./card.ts";
import type { SearchEngine } from "./search/engine.ts";
import { pastedAddress } from "./search/linked.ts";
import type { SearchRequest } from "./search-request.ts";

/** A link pasted alone: the talks that carry it, or why none is shown; null for a search. */
export function linkAnswer(
  request: SearchRequest,
  engine: Pick<SearchEngine, "search">,
  pageSize: number,
  wanted: number,
): Answer | null {
  const { phrases, speakers, events, topics } = request;
  const filtered = phrases.length + speakers.length + events.length + topics.length;
  if (filtered || request.years || pastedAddress(request.words) === null) return null;
  // The engine answers a link alone with the talks carrying it, and only with those.
  const linked = engine.search(request, wanted + pageSize);
  if (linked.total === 0) {
    // Its words ("fosdem", "2021", "event") find talks that only share the site or year.
    const why = "No talk in the catalog has that link; try the talk's title or speaker.";
    return { kind: "no-results", query: request.text, why, suggestions: [], speakers: [] };
  }
  const offset = shownOffset(wanted, linked.hits.length);
  const hits = linked.hits
    .slice(offset, offset + pageSize)
    .map((hit) => ({ card: toCard(hit.talk), score: 0, matched: [] }));
  return {
    kind: "results",
    query: request.text,
    hits,
    offset,
    total: linked.total,
    corrections: [],
    heading: linked.total === 1 ? "The talk with that link" : "Talks with that link",
  };
}
