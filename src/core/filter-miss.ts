// Why a search found nothing, when the reason is a filter: one that alone matches no talk
// of the catalog (year:2020 in a catalog of 2008-2012, event:fosdem where no FOSDEM talk
// is). "No talks found" followed by unrelated topics to try hid that the filter, not the
// words, left nothing. Filters are matched by the engine itself, as in the search. Pure.
import { editDistance } from "./edit-distance.ts";
import type { Years } from "./filters.ts";
import type { SearchEngine } from "./search/engine.ts";
import { statedFilters } from "./search/query/stated-filters.ts";
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
  asked: SearchRequest,
  engine: SearchEngine,
  catalogYears: Years | null,
): string | null {
  // "talks by williamson in 2009": the filters a sentence states are filters here too.
  const request = statedFilters(asked, engine.index);
  const { years } = request;
  const noneThen = (y: Years) => !engine.index.years.some((t) => t >= y.from && t <= y.to);
  // A year between the catalog's first and last that no talk has: the catalog's years,
  // unless a speaker, event or topic can say which of its years they have (yearsMiss).
  const named = request.speakers.length + request.events.length + request.topics.length > 0;
  const outside = (y: Years) =>
    catalogYears !== null && (y.to < catalogYears.from || y.from > catalogYears.to);
  if (years && catalogYears && outside(years))
    return `No talk in the catalog is from ${span(years)}: its talks are from ${span(catalogYears)}.`;
  if (years && !named && noneThen(years)) return yearGap(years, engine.index.years);
  const matchesAny = (filter: Partial<SearchRequest>) =>
    engine.search({ ...EMPTY_REQUEST, ...filter }, 1).hits.length > 0;
  for (const event of request.events) {
    if (matchesAny({ events: [event] })) continue;
    // "event:fosdm": the event it is a slip from, when the catalog has one.
    const meant = nearEvent(event, engine);
    const offer = meant !== null && matchesAny({ events: [meant] }) ? meant : null;
    return offer === null
      ? `No event in the catalog matches "${event}".`
      : `No event in the catalog matches "${event}"; did you mean event:${asValue(offer)}?`;
  }
  for (const speaker of request.speakers)
    if (!matchesAny({ speakers: [speaker] }))
      return `No speaker in the catalog matches "${speaker}".`;
  return yearsMiss(request, engine);
}

/** "2011", "2011 and 2012", "2009, 2011 and 2012"; a span when there are many. */
function yearList(years: readonly number[]): string {
  if (years.length > 4) return `${years[0]} to ${years.at(-1)}`;
  return years.length === 1
    ? `${years[0]}`
    : `${years.slice(0, -1).join(", ")} and ${years.at(-1)}`;
}

/**
 * A year between the catalog's first and last that no talk has: the years it does have
 * (its span would contain the year asked for), or the nearest on either side when many.
 */
function yearGap(years: Years, talkYears: ArrayLike<number>): string {
  const have = [...new Set(Array.from(talkYears))].sort((a, b) => a - b);
  const asked = `No talk in the catalog is from ${span(years)}`;
  if (have.length <= 4) return `${asked}: its talks are from ${yearList(have)}.`;
  const before = have.filter((y) => y < years.from).at(-1);
  const after = have.find((y) => y > years.to);
  return `${asked}: the nearest years it has are ${before} and ${after}.`;
}

/**
 * Filters alone whose talks are all from other years than the one asked for
 * ("speaker:williamson year:2009", "talks by williamson in 2009"): the years they have,
 * so the next try is one of them. Words count when they find talks without the year: then
 * the year, not the words, left nothing.
 */
function yearsMiss(request: SearchRequest, engine: SearchEngine): string | null {
  const { years, speakers, events, topics } = request;
  if (!years) return null;
  const typed = [...request.words, ...request.phrases].join(" ");
  if (typed === "" && speakers.length + events.length + topics.length === 0) return null;
  const rest = { ...request, years: null };
  const found = engine.search(rest, engine.index.talks.length).hits;
  if (found.length === 0) return null;
  const had = [...new Set(found.map((h) => h.talk.year))].sort((a, b) => a - b);
  const what = [
    ...(typed === "" ? [] : [`"${typed}"`]),
    ...speakers.map((s) => `speaker:${asValue(s)}`),
    ...events.map((e) => `event:${asValue(e)}`),
    ...topics.map((t) => `topic:${asValue(t)}`),
  ].join(" ");
  return `No talk for ${what} is from ${span(years)}; they are from ${yearList(had)}.`;
}

/** A filter value as typed: quoted when it has a space. */
const asValue = (value: string) => (/\s/.test(value) ? `"${value}"` : value);

/** Letters and digits of a name, lower case: "Xen Summit Asia 2009" → xen, summit, asia, 2009. */
const nameWords = (name: string) => name.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/**
 * The event name `typed` is a slip from, word by word ("fosdm" → "fosdem", "xen sumit" →
 * "xen summit"), or null when a word is near none of the catalog's event names' words.
 */
function nearEvent(typed: string, engine: SearchEngine): string | null {
  const known = new Set<string>();
  for (const event of engine.index.events)
    for (const word of [...nameWords(event.name), ...nameWords(event.shortName)]) known.add(word);
  const words = nameWords(typed);
  if (words.length === 0) return null;
  const meant: string[] = [];
  for (const word of words) {
    if (known.has(word)) {
      meant.push(word);
      continue;
    }
    // A slip per word ("fosdm", "frum"), two in a long one ("plumbres"); the first letter
    // as typed, so "fosdm" is never "forum".
    const slips = word.length >= 8 ? 2 : 1;
    let best: { word: string; distance: number } | null = null;
    for (const candidate of known) {
      if (/^\d+$/.test(candidate) || candidate.length < 3 || candidate[0] !== word[0]) continue;
      const distance = editDistance(word, candidate);
      if (distance <= slips && (best === null || distance < best.distance))
        best = { word: candidate, distance };
    }
    if (best === null) return null;
    meant.push(best.word);
  }
  return meant.join(" ");
}
