// The one entry point every adapter calls: raw user text in, a platform-neutral answer out.
// Never throws: any bad input becomes a help or usage answer.

import { dateInZone, talkOfTheDay } from "../totd/today.ts";
import { readsAsName } from "./answer-hints.ts";
import { linkAnswer } from "./answer-links.ts";
import { requestedPage, shownOffset } from "./answer-paging.ts";
import type { Answer, AnswerOptions } from "./answer-types.ts";
import { weekAnswer } from "./answer-week.ts";
import { type TalkCard, toCard } from "./card.ts";
import type { Catalog } from "./catalog.ts";
import {
  nearestTopics,
  speakersNear,
  type TopicCount,
  topicCounts,
  topicsNear,
} from "./discover.ts";
import { filterMiss, yearSpan } from "./filter-miss.ts";
import { searchFound } from "./found.ts";
import { type CoreCommand, parseCoreCommand, type SearchRequest } from "./grammar.ts";
import { HELP } from "./help.ts";
import {
  createSearchEngine,
  createSearchEngineInSlices,
  type SearchEngine,
} from "./search/engine.ts";
import { resolveTopic } from "./search/query/filters.ts";
import { relativeYears } from "./search/query/stated-filters.ts";
import { wordData } from "./word-data.ts";

export const ANSWER_DEFAULTS = Object.freeze({
  pageSize: 3,
  suggestions: 5,
  /** Speakers suggested when a query that found nothing looks like a name. */
  speakers: 2,
  /** Topics suggested for a topic: the catalog does not have. */
  nearestTopics: 3,
});

export type { Answer, AnswerOptions, Hit, ResultsAnswer } from "./answer-types.ts";
export type { TopicCount };

export interface CoreOptions {
  readonly catalog: Catalog;
  /** IANA time zone that decides what "today" is. */
  readonly timeZone: string;
  readonly clock?: () => Date;
  readonly random?: () => number;
  /** Told of a bug the answer hid from the asker (the grammar and engine should be total). */
  readonly onError?: (error: unknown) => void;
}

export interface Core {
  readonly catalog: Catalog;
  readonly engine: SearchEngine;
  answer(text: string, options?: AnswerOptions): Answer;
  /** The answer to a command the grammar already parsed (the turn parses once). */
  run(command: CoreCommand, options?: AnswerOptions): Answer;
  /** The talk of the day for a calendar date (YYYY-MM-DD) or for today. */
  today(date?: string): { date: string; card: TalkCard };
  /** Topic slugs to suggest when a search finds nothing. */
  suggestions(): readonly string[];
}

export function createCore(options: CoreOptions): Core {
  const words = wordData(options.catalog.dataDir);
  return coreOver(options, words, createSearchEngine(options.catalog, words));
}

/** createCore with the search index built in slices: a reload while the bot answers. */
export async function createCoreInSlices(options: CoreOptions): Promise<Core> {
  const words = wordData(options.catalog.dataDir);
  return coreOver(options, words, await createSearchEngineInSlices(options.catalog, words));
}

function coreOver(
  options: CoreOptions,
  words: ReturnType<typeof wordData>,
  engine: SearchEngine,
): Core {
  const { catalog, timeZone } = options;
  const clock = options.clock ?? (() => new Date());
  const random = options.random ?? Math.random;
  const { synonyms, language } = words;
  const suggestions = engine.popularTopics(ANSWER_DEFAULTS.suggestions);
  const topics = topicCounts(engine.index, catalog.topics);
  const catalogYears = yearSpan(catalog.talks);

  function noResults(request: SearchRequest): Answer {
    const text = request.words.join(" ");
    // A filter that matches nothing at all is the reason: topics to try would not help.
    const why = filterMiss(request, engine, catalogYears);
    // Topics to try only when no filter is the reason.
    const near =
      why === null ? topicsNear(text, topics, ANSWER_DEFAULTS.suggestions, language) : [];
    return {
      kind: "no-results",
      query: request.text,
      ...(why === null ? {} : { why }),
      suggestions: why !== null ? [] : near.length > 0 ? near : suggestions,
      speakers: readsAsName(request.text)
        ? speakersNear(text, engine.index, ANSWER_DEFAULTS.speakers, language)
        : [],
    };
  }

  function unknownTopic(request: SearchRequest): Answer | null {
    const topic = request.topics.find((t) => resolveTopic(t, engine.index, synonyms).length === 0);
    if (topic === undefined) return null;
    const nearest = nearestTopics(topic, topics, ANSWER_DEFAULTS.nearestTopics, language);
    return { kind: "unknown-topic", topic, nearest };
  }

  function today(date: string = dateInZone(clock(), timeZone)) {
    const talk = talkOfTheDay(catalog.talks, date);
    return { date, card: toCard(talk, `Talk of the day · ${date}`) };
  }

  /** What the engine finds for `request`, the looser second try when the first finds nothing. */
  const found = (request: SearchRequest, limit: number) => searchFound(engine, request, limit);

  /**
   * A request made ready for the engine, the same for a search, "random WORDS" and the
   * week's listings: "this year" as the year the core's clock says (in its zone), and a
   * topic the catalog lacks answered as such.
   */
  function prepare(asked: SearchRequest): { request: SearchRequest } | { answer: Answer } {
    const thisYear = Number(dateInZone(clock(), timeZone).slice(0, 4));
    const request = relativeYears(asked, thisYear);
    const unknown = unknownTopic(request);
    return unknown ? { answer: unknown } : { request };
  }

  /** The talks a question would find for `request`, with their rank: the listings' narrowing. */
  function accepted(request: SearchRequest): ReadonlyMap<string, number> {
    const { hits } = found(request, catalog.talks.length);
    return new Map(hits.map((h, rank) => [h.talk.id, rank]));
  }

  /** "random numa": a random one of the talks the search finds for the words. */
  function randomFound(asked: SearchRequest): Answer {
    const ready = prepare(asked);
    if ("answer" in ready) return ready.answer;
    const { request } = ready;
    const { hits } = found(request, catalog.talks.length);
    if (hits.length === 0) return noResults(request);
    const talk = hits[Math.floor(random() * hits.length) % hits.length]!.talk;
    return { kind: "talk", reason: "random", card: toCard(talk, `Random talk · ${request.text}`) };
  }

  const week = weekAnswer({
    talks: catalog.talks,
    now: () => clock().getTime(),
    timeZone,
    pageSize: ANSWER_DEFAULTS.pageSize,
    prepare,
    accepted,
    search: (request, opts) => run({ kind: "search", request }, opts),
  });

  function run(command: CoreCommand, opts: AnswerOptions): Answer {
    switch (command.kind) {
      case "help":
        return { kind: "help", help: HELP };
      case "usage":
        return {
          kind: "usage",
          message: command.message,
          help: HELP,
          ...(command.quoted === undefined ? {} : { quoted: command.quoted }),
        };
      case "topics":
        return { kind: "topics", topics };
      case "small-talk": {
        const lexicon = words.smallTalk;
        return {
          kind: "small-talk",
          intent: command.intent,
          reply: lexicon.replies[command.intent],
          capabilities: lexicon.capabilities,
          examples: lexicon.examples,
        };
      }
      case "today":
        return { kind: "talk", reason: "today", card: today().card };
      case "random": {
        if (command.request) return randomFound(command.request);
        const talks = catalog.talks;
        const talk = talks[Math.floor(random() * talks.length) % talks.length]!;
        return { kind: "talk", reason: "random", card: toCard(talk, "Random talk") };
      }
      case "new":
      case "on-now":
      case "schedule":
        return week(command, opts);
      case "search": {
        const ready = prepare(command.request);
        if ("answer" in ready) return ready.answer;
        const { request } = ready;
        const { pageSize, wanted } = requestedPage(opts, ANSWER_DEFAULTS.pageSize);
        const linked = linkAnswer(request, engine, pageSize, wanted);
        if (linked) return linked;
        // Ranked only as far as this page: the cost of a page grows with its offset, not
        // with the number of matches; `total` still counts every match.
        const result = found(request, wanted + pageSize);
        if (result.hits.length === 0) return noResults(request);
        const offset = shownOffset(wanted, result.hits.length);
        const hits = result.hits.slice(offset, offset + pageSize).map((h) => ({
          card: toCard(h.talk),
          score: h.score,
          matched: h.matched,
        }));
        return {
          kind: "results",
          query: command.request.text,
          hits,
          offset,
          total: result.total,
          corrections: result.corrections,
        };
      }
    }
  }

  function safely(answer: () => Answer): Answer {
    try {
      return answer();
    } catch (error) {
      // Defensive: the grammar and engine are total, but an adapter must never see a throw.
      options.onError?.(error);
      return { kind: "usage", message: "Sorry, I could not understand that query.", help: HELP };
    }
  }

  return {
    catalog,
    engine,
    answer(text, opts = {}) {
      return safely(() => run(parseCoreCommand(typeof text === "string" ? text : "", words), opts));
    },
    run: (command, opts = {}) => safely(() => run(command, opts)),
    today,
    suggestions: () => suggestions,
  };
}
