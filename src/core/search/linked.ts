// A link pasted alone (a talk's slides, video or schedule page): the talks that carry it.
// Searched as words, an address matched nothing, or everything sharing its host and year.
// People paste the page they were reading, so a talk carries it when the address is one
// of the talk's links, the start of one (the schedule page a slide file is attached
// under), or the same page on the same site under another name (video.fosdem.org/…/
// vai_firecracker.webm for the schedule's …/event/vai_firecracker/). Addresses are read
// with the URL parser and compared without scheme, "www.", host case, trailing slash or
// fragment. Looked up in tables built once per index, so a paste costs no catalog scan.
import type { SearchIndex } from "./index/build.ts";

/** An address as compared. */
interface Address {
  /** Host (without "www.", with a port) and path (no trailing slash) and query. */
  readonly key: string;
  /** The last two labels of the host: fosdem.org for video.fosdem.org. */
  readonly site: string;
  /** The last path segment, lower case, without its file extension ("vai_firecracker"). */
  readonly name: string;
  /** Whether the path is more than "/": only then can links lie under it. */
  readonly hasPath: boolean;
  /**
   * Whether it has a query string: then the page name says nothing by itself
   * (tc_home.php?wg_abbrev=virtio and ?wg_abbrev=xen are one name, two pages).
   */
  readonly hasQuery: boolean;
}

interface LinkTables {
  /** Each link's key: the talks carrying it, in catalog order. */
  readonly byKey: ReadonlyMap<string, readonly number[]>;
  /** Every key, sorted: the links under an address are one range of it. */
  readonly sorted: readonly string[];
  /** "site name" of links whose name can identify a talk: the talks carrying one. */
  readonly byName: ReadonlyMap<string, readonly number[]>;
}

const tablesByIndex = new WeakMap<SearchIndex, LinkTables>();

/**
 * Whether a page's name can identify a talk across a site: long, and made like a slug
 * ("vai_firecracker", "2011-forum-vfio"), not a word every talk's pages share ("slides").
 */
const namesATalk = (name: string) => name.length >= 6 && /[-_\d]/.test(name);

function readAddress(text: string): Address | null {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  const host = url.hostname.replace(/^www\./, "");
  const path = decodePath(url.pathname).replace(/\/+$/, "");
  const last = path.slice(path.lastIndexOf("/") + 1);
  const dot = last.lastIndexOf(".");
  return {
    key: `${host}${url.port ? `:${url.port}` : ""}${path}${url.search}`,
    site: host.split(".").slice(-2).join("."),
    name: (dot > 0 ? last.slice(0, dot) : last).toLowerCase(),
    hasPath: path !== "",
    hasQuery: url.search !== "",
  };
}

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** The form two copies of one link share, or null when the text is no http(s) URL. */
export function linkKey(text: string): string | null {
  return readAddress(text)?.key ?? null;
}

/** The address a message's words are when they are one link alone (in Slack's <…> or not). */
export function pastedAddress(words: readonly string[]): string | null {
  // Only what looks like a link is parsed: most queries are one plain word ("numa").
  if (words.length !== 1 || !words[0]!.includes("://")) return null;
  const text = words[0]!.replace(/^<(.*)>$/, "$1");
  return readAddress(text) ? text : null;
}

const add = (table: Map<string, number[]>, key: string, d: number) => {
  const docs = table.get(key);
  if (!docs) table.set(key, [d]);
  else if (docs.at(-1) !== d) docs.push(d);
};

export function linkTable(index: SearchIndex): LinkTables {
  const known = tablesByIndex.get(index);
  if (known) return known;
  const byKey = new Map<string, number[]>();
  const byName = new Map<string, number[]>();
  index.talks.forEach((talk, d) => {
    for (const link of talk.links) {
      const address = readAddress(link.url);
      if (address === null) continue;
      add(byKey, address.key, d);
      if (!address.hasQuery && namesATalk(address.name))
        add(byName, `${address.site} ${address.name}`, d);
    }
  });
  const tables = { byKey, sorted: [...byKey.keys()].sort(), byName };
  tablesByIndex.set(index, tables);
  return tables;
}

/** The first position in `sorted` whose key is not below `key`. */
function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Most talks whose links lie under a pasted address for them to be its talks: a talk's
 * schedule page holds its slides; a page holding more is an index (a year's schedule).
 */
const MAX_UNDER = 3;

/**
 * The talks carrying the pasted address: those with that very link; when none has it,
 * those with links under it (a few at most), then those with a page of the same name on
 * the site; in catalog order within each. Empty when none does, or for no http(s) URL.
 */
export function talksLinkedFrom(text: string, index: SearchIndex): number[] {
  const pasted = readAddress(text.replace(/^<(.*)>$/, "$1"));
  if (!pasted) return [];
  const { byKey, sorted, byName } = linkTable(index);
  const exact = byKey.get(pasted.key);
  if (exact) return [...new Set(exact)];
  const found = new Set<number>();
  if (pasted.hasPath) {
    const under = new Set<number>();
    const prefix = `${pasted.key}/`;
    for (let i = lowerBound(sorted, prefix); sorted[i]?.startsWith(prefix); i++) {
      for (const d of byKey.get(sorted[i]!)!) under.add(d);
      if (under.size > MAX_UNDER) break;
    }
    if (under.size <= MAX_UNDER) for (const d of [...under].sort((a, b) => a - b)) found.add(d);
  }
  if (!pasted.hasQuery && namesATalk(pasted.name)) {
    const named = byName.get(`${pasted.site} ${pasted.name}`) ?? [];
    for (const d of [...named].sort((a, b) => a - b)) found.add(d);
  }
  return [...found];
}
