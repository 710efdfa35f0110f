// Search straight through the grammar and the engine, for tests that look at rankings,
// and the answer a search that found nothing gives.
import { expect } from "vitest";
import type { Core } from "../../src/core/answer.ts";
import { parseCommand, type SearchRequest } from "../../src/core/grammar.ts";

/** The request a query parses to; throws when it is not a search (help, small talk...). */
export function searchRequest(query: string): SearchRequest {
  const command = parseCommand(query);
  if (command.kind !== "search") throw new Error(`${query} is not a search`);
  return command.request;
}

/** Ids of the best `limit` talks for a query. */
export function searchIds(core: Core, query: string, limit = 5): string[] {
  return core.engine.search(searchRequest(query), limit).hits.map((h) => h.talk.id);
}

/** A no-results answer: with `why`, no topics suggested; without, whatever topics are. */
export function noResults(query: string, why?: string) {
  return {
    kind: "no-results",
    query,
    ...(why === undefined ? {} : { why }),
    suggestions: why === undefined ? expect.any(Array) : [],
    speakers: [],
  };
}
