// The watch commands: `watch <search>`, `watches`, `unwatch N` (src/watch/ answers them).
// The words of `watch` are parsed as a search by the one grammar (grammar.ts), which hands
// its verdict in: an alert runs them as that search.
import { stripAddress } from "./address.ts";
import { sanitizeInput } from "./sanitize.ts";

export type WatchCommand =
  | { readonly kind: "watch"; readonly query: string }
  | { readonly kind: "watches" }
  | { readonly kind: "unwatch"; readonly number: number }
  /** A watch command with arguments it cannot take: one line saying what is expected. */
  | { readonly kind: "watch-usage"; readonly message: string };

/** What the grammar makes of a watch's words: a search (its text), a usage problem, or else. */
export type WatchSearch =
  | { readonly kind: "search"; readonly text: string }
  | { readonly kind: "usage"; readonly message: string }
  | { readonly kind: "other" };

/** Words around a watch's search that are not part of it. */
const LEAD = /^(?:out\s+)?(?:for|on)\s+/i;
const TRAIL = /(?:\s*[,.!]?\s+(?:please|pls|plz|thanks|thx))+[.!]*$/i;

/** Words before "watches" that only say "show me": "list watches", "my watches". */
const LISTING: ReadonlySet<string> = new Set(["list", "show", "my", "our", "all"]);

/**
 * The watch command in `text`, or null when it is not one. The query of `watch` must be a
 * search the core would answer (its filters and limits), since alerts run it as one.
 */
export function parseWatchCommand(
  text: string,
  searchOf: (query: string) => WatchSearch,
): WatchCommand | null {
  const clean = stripAddress(sanitizeInput(text));
  const words = clean.split(/\s+/).filter(Boolean);
  // "list watches", "my watches?": the listing said in words.
  if (words.length === 2 && LISTING.has(words[0]!.toLowerCase())) words.shift();
  const [first = "", ...rest] = words;
  // "watch: numa" is the command, not a filter named watch.
  const word = first
    .toLowerCase()
    .replace(/^[/!]/, "")
    .replace(/[:?!.]+$/u, "");
  const watchUsage = (message: string): WatchCommand => ({ kind: "watch-usage", message });
  if (word === "watches")
    return rest.length
      ? watchUsage(`"watches" takes nothing after it; write just watches.`)
      : { kind: "watches" };
  if (word === "unwatch") {
    // "unwatch 2", "unwatch #2", "unwatch 2." as "watches" numbers them.
    const number = rest.length === 1 ? /^#?(\d{1,4})[.)]?$/.exec(rest[0]!) : null;
    const n = number ? Number(number[1]) : 0;
    return n >= 1
      ? { kind: "unwatch", number: n }
      : watchUsage(`Write unwatch and the number "watches" lists, like unwatch 1.`);
  }
  if (word !== "watch") return null;
  // "watch for numa talks", "watch out for vfio please": the search is what follows.
  const query = rest.join(" ").replace(LEAD, "").replace(TRAIL, "");
  if (!query)
    return watchUsage(`Write watch and what to watch for, like watch vfio or watch topic:numa.`);
  const parsed = searchOf(query);
  if (parsed.kind === "usage") return watchUsage(parsed.message);
  if (parsed.kind !== "search")
    return watchUsage(
      `"${query}" is not something I can search for; write watch and the words of a search, like watch vfio.`,
    );
  return { kind: "watch", query: parsed.text };
}
