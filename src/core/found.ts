// What a question finds: the engine's search, then its looser second try when the first
// finds nothing. One function for the search's answer, "random numa", the week listings'
// narrowing and the watches (src/watch/watch-alerts.ts), so they accept the same talks.
import type { SearchEngine, SearchResult } from "./search/engine.ts";
import type { SearchRequest } from "./search-request.ts";

/** The talks `engine` finds for `request` (at most `limit`), loosened when none. */
export function searchFound(
  engine: SearchEngine,
  request: SearchRequest,
  limit: number,
): SearchResult {
  const result = engine.search(request, limit);
  return result.hits.length > 0 ? result : engine.search({ ...request, loose: true }, limit);
}
