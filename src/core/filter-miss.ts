// Why a search found nothing, when the reason is a filter: one that alone matches no talk
// of the catalog (year:2020 in a catalog of 2008-2012, event:fosdem where no FOSDEM talk
// is). "No talks found" followed by unrelated topics to try hid that the filter, not the
// words, left nothing. Filters are matched by the engine itself, as in the search. Pure.
import type { Years } from "./filters.ts";
import type { SearchEngine } from "./search/engine.ts";
import { EMPTY_REQUEST, type SearchRequest } from "./search-request.ts";

/** The first and last year of the catalog's talks, or null for an empty catalog. */
export function yearSpan(talks: readonly { readonly year: number }[]): Years | null {
  if (talks.length === 0) return null;
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  for (const { year } of talks) {
    from = Math.min(from, year);
    to = Math.max(to, year);
  }
  return { from, to };
}

const span = (y: Years) => (y.from === y.to ? `${y.from}` : `${y.from} to ${y.to}`);

/** One line naming the filter that matches no talk at all, or null when each matches some. */
export function filterMiss(
  request: SearchRequest,
  engine: SearchEngine,
  catalogYears: Years | null,
): string | null {
  const { years } = request;
  if (years && catalogYears && (years.to < catalogYears.from || years.from > catalogYears.to))
    return `No talk in the catalog is from ${span(years)}: its talks are from ${span(catalogYears)}.`;
  const matchesAny = (filter: Partial<SearchRequest>) =>
    engine.search({ ...EMPTY_REQUEST, ...filter }, 1).hits.length > 0;
  for (const event of request.events)
    if (!matchesAny({ events: [event] })) return `No event in the catalog matches "${event}".`;
  for (const speaker of request.speakers)
    if (!matchesAny({ speakers: [speaker] }))
      return `No speaker in the catalog matches "${speaker}".`;
  return null;
}
