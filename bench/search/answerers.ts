// The engines bench:relevance can judge, each built over the same catalog and asked the same
// chat messages: ours through core.answer (the path every chat message takes, so small talk
// and commands count as they are answered), the others through our grammar's parsed request
// given to them as rivals.ts gives it in bench:search (speaker:, event: and topic: values as
// query words), with its year: range applied to their results: filters count for everyone.
// The others have no notion of small talk or of a question that matches nothing: they answer
// every message with whatever matches (that is their off-topic figure).
import { createCore } from "../../src/core/answer.ts";
import { type TalkCard, toCard } from "../../src/core/card.ts";
import type { Catalog } from "../../src/core/catalog.ts";
import { parseCommand, type SearchRequest } from "../../src/core/grammar.ts";
import { EMPTY_REQUEST } from "../../src/core/search-request.ts";
import { K } from "./judgments.ts";
import { lunrContender } from "./lunr.ts";
import { type Contender, RIVALS, withinYears } from "./rivals.ts";

/** An engine's first K cards for a chat message. */
export type Answer = (message: string) => readonly TalkCard[];

export interface Answerer {
  readonly name: string;
  build(catalog: Catalog): Answer;
}

const ours: Answerer = {
  name: "ours",
  build(catalog) {
    const core = createCore({ catalog, timeZone: "UTC" });
    return (q) => {
      const answer = core.answer(q, { pageSize: K });
      return answer.kind === "results" ? answer.hits.map((h) => h.card) : [];
    };
  },
};

/**
 * The request our grammar reads in a message. A message it reads as something else (small
 * talk, help) without a request in it goes to the others as typed (they tokenize it).
 */
export function requestOf(message: string): SearchRequest {
  const command = parseCommand(message);
  if ("request" in command && command.request) return command.request;
  return { ...EMPTY_REQUEST, words: [message], text: message };
}

function rival(contender: Contender): Answerer {
  return {
    name: contender.name,
    build(catalog) {
      const talks = catalog.talks;
      const search = contender.build(talks);
      return (q) => {
        const request = requestOf(q);
        // FlexSearch cannot filter by year: with a range, every match is asked for.
        const limit = request.years ? talks.length : K;
        const hits = search(request, limit).filter(withinYears(request));
        return hits.slice(0, K).map((t) => toCard(t));
      };
    },
  };
}

/** Every engine, ours first, keyed by the lowercase name `--engine` takes. */
export const ANSWERERS: ReadonlyMap<string, Answerer> = new Map(
  [ours, ...[...RIVALS, lunrContender].map(rival)].map((a) => [a.name.toLowerCase(), a]),
);
