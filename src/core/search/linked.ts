// A link pasted alone (a talk's slides, video or page): the talks that carry it. Looked up
// in a table of the catalog's links built once per index; the URL is read with the URL
// parser, and compared without its scheme, a "www.", letter case of the host, a trailing
// slash or a fragment, which a pasted copy may differ by.
import type { SearchIndex } from "./index/build.ts";

const linksByIndex = new WeakMap<SearchIndex, ReadonlyMap<string, readonly number[]>>();

/** The form two copies of one link share, or null when the text is no http(s) URL. */
export function linkKey(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  const host = url.hostname.replace(/^www\./, "");
  const path = url.pathname.replace(/\/+$/, "");
  return `${host}${url.port ? `:${url.port}` : ""}${path}${url.search}`;
}

const looksLikeLink = (word: string) => word.includes("://");

export function linkTable(index: SearchIndex): ReadonlyMap<string, readonly number[]> {
  const known = linksByIndex.get(index);
  if (known) return known;
  const table = new Map<string, number[]>();
  index.talks.forEach((talk, d) => {
    for (const link of talk.links) {
      const key = linkKey(link.url);
      if (key === null) continue;
      const docs = table.get(key) ?? [];
      if (docs.at(-1) !== d) docs.push(d);
      table.set(key, docs);
    }
  });
  linksByIndex.set(index, table);
  return table;
}

/** The talks carrying the link the words are, when they are one link alone; else null. */
export function linkedTalks(
  words: readonly string[],
  index: SearchIndex,
): readonly number[] | null {
  // Only what looks like a link is parsed: a failed parse throws, and most queries are
  // one plain word ("numa"), asked often.
  if (words.length !== 1 || !looksLikeLink(words[0]!)) return null;
  const key = linkKey(words[0]!.replace(/^<|>$/g, ""));
  if (key === null) return null;
  return linkTable(index).get(key) ?? null;
}
