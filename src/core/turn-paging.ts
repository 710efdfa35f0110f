// The turn's memory of each asker's last search: what "more", "show 3", "page 2",
// "previous" and "another one" page through. Kept apart from the turn so the turn only
// routes a request and the paging rules (bounded, expiring, cleared by an empty search)
// live in one place.
import { LRUCache } from "lru-cache";
import { ANSWER_DEFAULTS, type Answer } from "./answer.ts";
import { requestedPage } from "./answer-paging.ts";
import type { SearchRequest, TurnCommand } from "./grammar.ts";
import type { Library } from "./library.ts";
import type { Reply } from "./reply.ts";

interface LastSearch {
  readonly query: string;
  readonly nextOffset: number;
  readonly total: number;
}

/**
 * The asker's last random talk, asked after (or without) a search: "another one" means
 * another random talk among the same talks ("random numa": among the NUMA talks).
 */
interface LastRandom {
  readonly request?: SearchRequest;
}

/** Results per page; the core's default when absent. */
export type PageSize = { readonly pageSize?: number };

/** A command that moves within the asker's last search. */
export type PickCommand = Extract<TurnCommand, { readonly kind: "pick" | "page" | "previous" }>;

export interface TurnPaging {
  /** The next page of the last search under `key`. */
  more(key: string, size: PageSize): Reply;
  /** "another one": the next page, or another random talk when there is nothing to page. */
  another(key: string, size: PageSize): Reply;
  /** That talk (as a page of one), that page, or the page before, of the last search. */
  pick(key: string, command: PickCommand, size: PageSize): Reply;
  /** A random talk (of those `request` finds); the last search stays pageable with "more". */
  random(key: string, size: PageSize, request?: SearchRequest): Answer;
  /** Records an answer as the last search under `key` (or forgets it when empty). */
  remember(key: string, result: Answer): Answer;
  /** Whether the last search under `key` has pages not shown yet. */
  hasMore(key: string): boolean;
}

export interface TurnPagingOptions {
  readonly library: Library;
  /** Askers whose last search is remembered. */
  readonly entries: number;
  /** A search older than this cannot be paged any more. */
  readonly ttlMs: number;
}

/** "There is no #9: your last search "numa" has 5 talks, #1 to #5." (or its pages). */
function beyond(
  command: Extract<PickCommand, { readonly kind: "pick" | "page" }>,
  last: LastSearch,
  perPage: number,
): string {
  const search = `your last search "${last.query}"`;
  if (command.kind === "pick") {
    const has = last.total === 1 ? "1 talk, #1" : `${last.total} talks, #1 to #${last.total}`;
    return `There is no #${command.index}: ${search} has ${has}.`;
  }
  const pages = Math.ceil(last.total / perPage);
  const has = pages === 1 ? "one page" : `pages 1 to ${pages}`;
  return `There is no page ${command.page}: ${search} has ${has}.`;
}

export function createTurnPaging(options: TurnPagingOptions): TurnPaging {
  const { library } = options;
  const paging = new LRUCache<string, LastSearch>({ max: options.entries, ttl: options.ttlMs });
  const randoms = new LRUCache<string, LastRandom>({ max: options.entries, ttl: options.ttlMs });

  function remember(key: string, result: Answer): Answer {
    // A new search (found or not) ends the run of random talks.
    if (
      result.kind === "results" ||
      result.kind === "no-results" ||
      result.kind === "unknown-topic"
    )
      randoms.delete(key);
    if (result.kind === "results") {
      paging.set(key, {
        query: result.query,
        nextOffset: result.offset + result.hits.length,
        total: result.total,
      });
    } else if (result.kind === "no-results" || result.kind === "unknown-topic") {
      // "more" after a search that found nothing must not page an older one.
      paging.delete(key);
    }
    return result;
  }

  function more(key: string, size: PageSize): Reply {
    const last = paging.get(key);
    if (!last) return { kind: "nothing-to-page" };
    if (last.nextOffset >= last.total)
      return { kind: "end-of-results", query: last.query, total: last.total };
    return remember(
      key,
      library.current().answer(last.query, { offset: last.nextOffset, ...size }),
    );
  }

  function random(key: string, size: PageSize, request?: SearchRequest): Answer {
    randoms.set(key, request ? { request } : {});
    return library.current().run(request ? { kind: "random", request } : { kind: "random" }, size);
  }

  /**
   * "show 3", "#3", "the second one": that talk, as a page of one (its number kept),
   * leaving "more" where it was. "page 2": that page, and "more" goes on from it. A number
   * alone with no search to pick from is searched as written.
   */
  function pick(key: string, command: PickCommand, size: PageSize): Reply {
    const last = paging.get(key);
    if (!last) {
      if (command.kind !== "page" && command.bare)
        return remember(key, library.current().answer(command.text, size));
      return { kind: "nothing-to-page" };
    }
    // The page size the core will show, clamped as it clamps it (a size of 0 shows one).
    const perPage = requestedPage(size, ANSWER_DEFAULTS.pageSize).pageSize;
    if (command.kind === "previous") {
      // The page before the one last shown (the last page may be short), or the first.
      const shown = Math.floor((last.nextOffset - 1) / perPage) * perPage;
      const offset = Math.max(0, shown - perPage);
      return remember(key, library.current().answer(last.query, { offset, ...size }));
    }
    const offset = command.kind === "pick" ? command.index - 1 : (command.page - 1) * perPage;
    // "show 9" after five talks: not the end of a list being paged, a number it lacks.
    if (offset >= last.total)
      return { kind: "note", message: beyond(command, last, perPage), quoted: last.query };
    const core = library.current();
    if (command.kind === "page") return remember(key, core.answer(last.query, { offset, ...size }));
    return core.answer(last.query, { offset, pageSize: 1 });
  }

  return {
    more,
    another(key, size) {
      const lastRandom = randoms.get(key);
      if (lastRandom) return random(key, size, lastRandom.request);
      return paging.has(key) ? more(key, size) : random(key, size);
    },
    pick,
    random,
    remember,
    hasMore(key) {
      const last = paging.get(key);
      return last !== undefined && !randoms.has(key) && last.nextOffset < last.total;
    },
  };
}
