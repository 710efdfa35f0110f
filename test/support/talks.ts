// Talks and catalogs the tests write by hand: every field empty unless given, so a test
// names only what it is about; and the public pages' order stated plainly, for the
// property tests that check the indexes against it.
import type { Catalog } from "../../src/core/catalog.ts";
import type { Talk } from "../../src/core/talk.ts";

/** A talk at KVM Forum 2012 with no speakers, topics or text but `fields`. */
export function talkWith(fields: Partial<Talk>): Talk {
  return {
    id: "t",
    title: "",
    year: 2012,
    speakers: [],
    authors: [],
    event: "KVM Forum 2012",
    eventShort: "KVM Forum 2012",
    eventId: "kvm-forum-2012",
    date: null,
    location: null,
    added: null,
    summary: "",
    keyPoints: [],
    topics: [],
    links: [],
    ...fields,
  };
}

/** Talk `id` ("Talk a") at "Conf YEAR", on YEAR-05-01: the public pages' tests' talk. */
export const confTalk = (id: string, year: number, fields: Partial<Talk> = {}): Talk =>
  talkWith({
    id,
    title: `Talk ${id}`,
    event: `Conf ${year}`,
    eventShort: "Conf",
    eventId: `conf-${year}`,
    year,
    date: `${year}-05-01`,
    ...fields,
  });

/** A catalog of exactly these talks, without topic descriptions or load problems. */
export const catalogOf = (talks: readonly Talk[]): Catalog => ({
  talks,
  byId: new Map(talks.map((t) => [t.id, t])),
  topics: new Map(),
  problems: [],
});

/**
 * The public pages' order (src/web/catalog-index.ts) by its plain definition: newest
 * first by year then date, then by title, then in catalog order (the sort is stable).
 */
export function newestFirst(talks: readonly Talk[]): Talk[] {
  const key = (t: Talk) => `${t.year}${t.date ?? ""}`;
  return [...talks].sort((a, b) =>
    key(a) !== key(b) ? (key(a) < key(b) ? 1 : -1) : a.title < b.title ? -1 : +(a.title > b.title),
  );
}
