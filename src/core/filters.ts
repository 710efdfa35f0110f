// The filters of the grammar (grammar.ts): speaker:NAME, year:2012 / 2010-2011 / 2010-,
// event:"kvm forum", topic:numa, under the names people also give them ("author:",
// "conference:", "tag:"), with the value after a space ("year: 2012"), and with one slip
// in the name ("yaer:2019", "speakr:arcangeli"). A word with a colon in a sentence
// ("Q: any numa talks?", "re: vfio") is a word, not a filter. Pure.
import { editDistance } from "./edit-distance.ts";

export const FILTER_KEYS = ["speaker", "year", "event", "topic"] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

const YEAR_LIMITS = Object.freeze({ min: 1990, max: 2100 });

/** Other names people give the filters. */
const FILTER_ALIASES: Readonly<Record<string, FilterKey>> = {
  speakers: "speaker",
  author: "speaker",
  by: "speaker",
  presenter: "speaker",
  years: "year",
  date: "year",
  events: "event",
  conference: "event",
  conf: "event",
  topics: "topic",
  tag: "topic",
  tags: "topic",
};

export interface Token {
  readonly token: string;
  readonly quoted: boolean;
}

export type Years = { readonly from: number; readonly to: number };

/** What the token at `at` is, and how many tokens it took (a value after a space: two). */
export type FilterRead =
  | { readonly kind: "none" }
  | { readonly kind: "word"; readonly word: string }
  | {
      readonly kind: "problem";
      readonly problem: "unknown-filter" | "empty-filter" | "bad-year";
      readonly message: string;
    }
  | { readonly kind: "years"; readonly years: Years; readonly took: number }
  | {
      readonly kind: "filter";
      readonly key: Exclude<FilterKey, "year">;
      readonly value: string;
      readonly took: number;
    };

/** Whether a text has a letter or digit (a word, not only punctuation). */
export const HAS_WORD = /[\p{L}\p{N}]/u;
const FILTER = /^([a-zA-Z]+):(.*)$/;
const isKey = (key: string): key is FilterKey => (FILTER_KEYS as readonly string[]).includes(key);

/** Every name a filter goes by, with the filter it is. */
const FILTER_NAMES: readonly (readonly [string, FilterKey])[] = [
  ...FILTER_KEYS.map((key) => [key, key] as const),
  ...Object.entries(FILTER_ALIASES),
];

/**
 * The filter a name one slip from a filter's name stands for ("yaer", "speakr", "topc",
 * "evnet"), or null. A letter dropped, added or swapped with its neighbour, never a
 * changed one: "yeah:" and "near:" are words, not year:. Four letters at least.
 */
function slippedKey(named: string): FilterKey | null {
  if (named.length < 4) return null;
  const sorted = [...named].sort().join("");
  for (const [name, key] of FILTER_NAMES) {
    if (name.length < 4 || editDistance(named, name) !== 1) continue;
    if (named.length !== name.length || sorted === [...name].sort().join("")) return key;
  }
  return null;
}

/** The filter at `tokens[at]`, or "none" when it is no filter (a word or a URL). */
export function readFilter(tokens: readonly Token[], at: number): FilterRead {
  const { token, quoted } = tokens[at]!;
  const filter = quoted ? null : FILTER.exec(token);
  if (!filter || filter[2] === undefined || filter[2].startsWith("//")) return { kind: "none" };
  const named = filter[1]!.toLowerCase();
  let value = filter[2].trim();
  // A slipped name is taken for the filter when a value is glued to it ("yaer:2019") or
  // the name is long enough not to be a word of a sentence ("speakr: arcangeli").
  const slipped = value !== "" || named.length >= 5 ? slippedKey(named) : null;
  const key = FILTER_ALIASES[named] ?? (isKey(named) ? named : (slipped ?? named));
  let took = 1;
  if (value === "") {
    // "Q: any numa talks?", "kubernetes: anything?": a colon in a sentence. Only a word
    // glued to a value ("foo:bar") is taken for a filter someone got wrong.
    if (!isKey(key)) return { kind: "word", word: filter[1]! };
    // "year: 2012": the value after a space, as it was meant.
    const next = tokens[at + 1];
    if (next && (next.quoted || !FILTER.test(next.token))) {
      value = next.token.trim();
      took = 2;
    }
  }
  if (!isKey(key))
    return problem(
      "unknown-filter",
      `I don't know the filter "${key}:". Filters are speaker:, year:, event: and topic:.`,
    );
  if (!HAS_WORD.test(value))
    return problem(
      "empty-filter",
      `The filter "${key}:" needs a value, like ${key}:${EXAMPLES[key]}.`,
    );
  if (key !== "year") return { kind: "filter", key, value, took };
  const years = parseYears(value);
  if (!years)
    return problem(
      "bad-year",
      `"${value}" is not a year I can search; try year:2012 or year:2010-2011.`,
    );
  return { kind: "years", years, took };
}

const problem = (
  kind: "unknown-filter" | "empty-filter" | "bad-year",
  message: string,
): FilterRead => ({ kind: "problem", problem: kind, message });

const EXAMPLES: Readonly<Record<FilterKey, string>> = {
  speaker: "arcangeli",
  year: "2012",
  event: '"kvm forum"',
  topic: "numa",
};

/**
 * "2012", "2010-2011", "2010..2011"; "2010-" or "2010+" (since), "-2012" (up to). Sentence
 * punctuation after it is not part of it ("year:2012, numa", "from year:2012?"); a range's
 * ".." is.
 */
export function parseYears(typed: string): Years | null {
  const value = typed.replace(/[,;:!?]+$/, "").replace(/(?<!\.)\.$/, "");
  const since = /^(\d{4})\s*(?:-|–|\.\.|\+)$/.exec(value);
  if (since) return checkedYears(Number(since[1]), YEAR_LIMITS.max);
  const until = /^(?:-|–|\.\.)\s*(\d{4})$/.exec(value);
  if (until) return checkedYears(YEAR_LIMITS.min, Number(until[1]));
  const m = /^(\d{4})(?:\s*(?:-|–|\.\.)\s*(\d{4}))?$/.exec(value);
  if (!m) return null;
  const a = Number(m[1]);
  return checkedYears(a, m[2] ? Number(m[2]) : a);
}

function checkedYears(a: number, b: number): Years | null {
  const from = Math.min(a, b);
  const to = Math.max(a, b);
  if (from < YEAR_LIMITS.min || to > YEAR_LIMITS.max) return null;
  return { from, to };
}
