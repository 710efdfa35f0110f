// The event and year a sentence states in words ("vfio talks at fosdem 2020", "kvm talks
// from 2024", "2019 talks"), read as the event: and year: filters the grammar has. It
// belongs to the search, not the grammar: only the catalog knows which events and years
// it holds, and a word it does not hold stays a word. Only a standalone four-digit year
// counts ("qemu 8.2", "usb 3", "x86 2.0" keep their numbers), and an event only after
// "at"/"from" or right before a year, named as the catalog names it ("kvm forum", "lpc").
import type { SearchRequest } from "../../search-request.ts";
import type { SearchIndex } from "../index/build.ts";
import { rawWords } from "./tokenize.ts";

const YEAR = /^\d{4}$/;
const YEAR_LIMITS = Object.freeze({ min: 1990, max: 2100 });
/** Words that introduce an event or a year; taken with it. */
const BEFORE_EVENT = new Set(["at", "from", "during"]);
const BEFORE_YEAR = new Set(["at", "from", "during", "in", "of", "since"]);
/** "this year", "last year", "next year": years from the current one. */
const RELATIVE_YEARS: ReadonlyMap<string, number> = new Map([
  ["this", 0],
  ["last", -1],
  ["next", 1],
]);
/** Longest event name, in words, read after "at"/"from". */
const MAX_EVENT_WORDS = 5;

interface CatalogNames {
  readonly years: ReadonlySet<number>;
  /** Event names without their years ("fosdem", "kvm forum", "linux plumbers"). */
  readonly events: ReadonlySet<string>;
}

const namesByIndex = new WeakMap<SearchIndex, CatalogNames>();

/** Once per index: the years it holds and the names its events go by. */
export function catalogNames(index: SearchIndex): CatalogNames {
  const known = namesByIndex.get(index);
  if (known) return known;
  const years = new Set<number>(index.years);
  const events = new Set<string>();
  for (const e of index.events) {
    for (const name of [e.name, e.shortName]) {
      const words = rawWords(name)
        .map((w) => w.surface)
        .filter((w) => !YEAR.test(w));
      if (words.length) events.add(words.join(" "));
      // "Linux Plumbers Conference …, Virtualization Microconference": "linux plumbers".
      for (let n = 2; n < words.length; n++) events.add(words.slice(0, n).join(" "));
    }
  }
  const names = { years, events };
  namesByIndex.set(index, names);
  return names;
}

const plain = (token: string) =>
  token.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");

/**
 * The request with the event and years its words state moved into its filters, or the
 * request itself when it states none (or typed the filter: what was typed wins).
 */
export function statedFilters(request: SearchRequest, index: SearchIndex): SearchRequest {
  const names = catalogNames(index);
  const words = request.words.map(plain);
  const taken = new Uint8Array(words.length);
  const yearOf = (i: number) => {
    const w = words[i];
    if (w === undefined || !YEAR.test(w)) return null;
    const year = Number(w);
    return year >= YEAR_LIMITS.min && year <= YEAR_LIMITS.max && names.years.has(year)
      ? year
      : null;
  };
  const years: number[] = [];
  let since = false;
  if (!request.years) {
    words.forEach((_, i) => {
      const year = yearOf(i);
      if (year === null) return;
      years.push(year);
      taken[i] = 1;
      const before = words[i - 1];
      if (before !== undefined && BEFORE_YEAR.has(before)) {
        taken[i - 1] = 1;
        if (before === "since") since = true;
      }
    });
  }
  const events: string[] = [];
  if (request.events.length === 0) {
    for (let i = 0; i < words.length; i++) {
      const after = BEFORE_EVENT.has(words[i]!) ? i + 1 : i;
      const n = eventAt(words, after, names.events);
      // Without "at"/"from", only a name right before a year the catalog has ("fosdem 2020").
      if (n === 0 || (after === i && !(taken[i + n] && YEAR.test(words[i + n]!)))) continue;
      events.push(words.slice(after, after + n).join(" "));
      taken.fill(1, i, after + n);
      i = after + n - 1;
    }
  }
  if (years.length === 0 && events.length === 0) return request;
  return {
    ...request,
    words: request.words.filter((_, i) => !taken[i]),
    events: [...request.events, ...events],
    years: years.length
      ? { from: Math.min(...years), to: since ? YEAR_LIMITS.max : Math.max(...years) }
      : request.years,
  };
}

/** How many words from `at` name an event (the longest name), 0 when none does. */
function eventAt(words: readonly string[], at: number, events: ReadonlySet<string>): number {
  for (let n = Math.min(MAX_EVENT_WORDS, words.length - at); n > 0; n--)
    if (events.has(words.slice(at, at + n).join(" "))) return n;
  return 0;
}

/** "year's" and "year’s" are "year". */
const unpossessed = (word: string) => word.replace(/['’]s$/, "");

/**
 * The request with "this year", "last year" or "next year" ("talks from this year", "this
 * year's kvm talks") read as the year: filter it names, counted from `currentYear` (the
 * year the core's clock says, in its zone: this module has no clock). Like a typed year:
 * one the catalog lacks finds nothing, and filter-miss.ts says which years it has. A typed
 * `year:` wins; the words then stay words.
 */
export function relativeYears(request: SearchRequest, currentYear: number): SearchRequest {
  if (request.years) return request;
  const words = request.words.map(plain);
  for (let i = 0; i + 1 < words.length; i++) {
    const shift = RELATIVE_YEARS.get(words[i]!);
    if (shift === undefined || unpossessed(words[i + 1]!) !== "year") continue;
    const from = words[i - 1] !== undefined && BEFORE_YEAR.has(words[i - 1]!) ? i - 1 : i;
    const year = currentYear + shift;
    const since = words[i - 1] === "since";
    return {
      ...request,
      words: request.words.filter((_, j) => j < from || j > i + 1),
      years: { from: year, to: since ? YEAR_LIMITS.max : year },
    };
  }
  return request;
}
