// Small invented catalogs of a broad conference for the ranking tests: talks with an
// abstract of filler around the words under test, and talks about other things, so the
// test words are rare as in a real conference.
import { createSearchEngine } from "../../../src/core/search/engine.ts";
import type { Talk } from "../../../src/core/talk.ts";
import { searchRequest } from "../../support/search.ts";
import { talkWith } from "../../support/talks.ts";

export const FILLER =
  "Speakers shared lessons from running services in production with a focus on tooling.";

/** A talk of a broad conference: an abstract of filler around the given words. */
export function talk(id: string, title: string, words = "", fields: Partial<Talk> = {}): Talk {
  return talkWith({ id, title, summary: `${words} ${FILLER}`, ...fields });
}

/** Twenty talks about other things, each saying `words`. */
export function otherTalks(words: string): Talk[] {
  return Array.from({ length: 20 }, (_, i) =>
    talk(`other-${i}`, `Databases and web frameworks part ${i}`, words),
  );
}

/** Ids of the best `limit` talks for a query, on a fresh engine over `talks`. */
export function ranked(talks: readonly Talk[], query: string, limit = 10): string[] {
  const engine = createSearchEngine({ talks });
  return engine.search(searchRequest(query), limit).hits.map((h) => h.talk.id);
}

/** A talk of a broad conference whose name implies no VM setting (`talk`'s is KVM Forum). */
export function fosdemTalk(id: string, title: string, words: string): Talk {
  return talk(id, title, words, {
    event: "FOSDEM 2024",
    eventShort: "FOSDEM 2024",
    eventId: "fosdem-2024",
  });
}

/** Twenty FOSDEM talks about other things, each saying `words`. */
export function fosdemOthers(words: string): Talk[] {
  return Array.from({ length: 20 }, (_, i) =>
    fosdemTalk(`other-${i}`, `Databases and web frameworks part ${i}`, words),
  );
}
