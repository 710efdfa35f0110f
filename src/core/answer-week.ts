// new, now, next, schedule: the conference week's listing (week/listing.ts), narrowed and
// ranked by the search when words follow the command, and paged like a search under the
// command's text.
import { weekListing } from "../week/listing.ts";
import { slotLine } from "../week/times.ts";
import { requestedPage, shownOffset } from "./answer-paging.ts";
import type { Answer, AnswerOptions } from "./answer-types.ts";
import { toCard } from "./card.ts";
import type { CoreCommand, SearchRequest } from "./grammar.ts";
import type { Talk } from "./talk.ts";

export interface WeekDeps {
  readonly talks: readonly Talk[];
  /** Now, in ms since the epoch (the core's clock). */
  readonly now: () => number;
  readonly timeZone: string;
  /** A page's size when the asker gave none (the search's). */
  readonly pageSize: number;
  /** The request made ready as a search makes it ("this year"), or the unknown-topic answer. */
  readonly prepare: (request: SearchRequest) => { request: SearchRequest } | { answer: Answer };
  /** The talks the search finds for the words, by id, with their rank. */
  readonly accepted: (request: SearchRequest) => ReadonlyMap<string, number>;
  /** The search's own answer for the words. */
  readonly search: (request: SearchRequest, opts: AnswerOptions) => Answer;
}

export type WeekCommand = Extract<CoreCommand, { kind: "new" | "on-now" | "schedule" }>;

export function weekAnswer(deps: WeekDeps): (command: WeekCommand, opts: AnswerOptions) => Answer {
  return (command, opts) => {
    const ready = command.request && deps.prepare(command.request);
    if (ready && "answer" in ready) return ready.answer;
    const ranks = ready ? deps.accepted(ready.request) : null;
    const listing = weekListing(command, {
      talks: deps.talks,
      now: deps.now(),
      timeZone: deps.timeZone,
      accepts: ranks && ((talk) => ranks.has(talk.id)),
      rank: ranks && ((talk) => ranks.get(talk.id) ?? ranks.size),
    });
    if (listing.kind === "note") {
      // "what's new in rust-vmm?" also asks what the talks on rust-vmm say: when nothing
      // recent matches the words, the talks they find, under a heading that says so.
      const words = command.kind === "new" ? command.request : null;
      const found = words ? deps.search(words, opts) : listing;
      if (words && found.kind === "results")
        return { ...found, heading: "Nothing added in the last 7 days · older talks" };
      return listing;
    }
    const { pageSize, wanted } = requestedPage(opts, deps.pageSize);
    const total = listing.entries.length;
    const offset = shownOffset(wanted, total);
    const hits = listing.entries.slice(offset, offset + pageSize).map((e) => ({
      card: { ...toCard(e.talk), slot: e.timed && slotLine(e.timed) },
      score: 0,
      matched: [],
    }));
    const heading = listing.heading + (command.request ? ` · ${command.request.text}` : "");
    return { kind: "results", query: command.text, hits, offset, total, corrections: [], heading };
  };
}
