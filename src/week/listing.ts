// What `new`, `now`, `next` and `schedule DAY` list: talks in the order the command promises,
// each with its slot line when it has a time, or one line saying why the list is empty.
// Pure: the catalog, an instant and the search's verdict in; the core pages the list.

import type { Talk } from "../core/talk.ts";
import { addDays, dateInZone } from "../totd/today.ts";
import type { WeekWords } from "./command.ts";
import { localTime, type TimedTalk, timed, timetable } from "./times.ts";
import { type DayWord, dayOf, nextConference, runningAt, startingSoon } from "./week.ts";

/** `new` lists the talks added this many days back, today included. */
const NEW_DAYS = 7;

interface Listed {
  readonly talk: Talk;
  /** The talk's time and room, when it has a time: its page shows `slotLine` of it. */
  readonly timed: TimedTalk | null;
}

type WeekListing =
  | {
      readonly kind: "list";
      /** What the list is: "Running now", "Schedule for tomorrow". */
      readonly heading: string;
      readonly entries: readonly Listed[];
    }
  | { readonly kind: "note"; readonly message: string };

interface WeekContext {
  readonly talks: readonly Talk[];
  readonly now: number;
  /** The bot's zone: which day "today" is for `new`. */
  readonly timeZone: string;
  /** The search's verdict on a talk when words or filters narrow the list; null: all. */
  readonly accepts: ((talk: Talk) => boolean) | null;
  /** The search's rank of an accepted talk (0 first): orders `new` within one day. */
  readonly rank?: ((talk: Talk) => number) | null;
}

// One timetable per catalog: a catalog is immutable and replaced whole on reload.
const tables = new WeakMap<readonly Talk[], readonly TimedTalk[]>();
export function tableOf(talks: readonly Talk[]): readonly TimedTalk[] {
  let table = tables.get(talks);
  if (!table) {
    table = timetable(talks);
    tables.set(talks, table);
  }
  return table;
}

const listed = (list: readonly TimedTalk[]): Listed[] =>
  list.map((t) => ({ talk: t.talk, timed: t }));

export const eventName = (talk: Talk) =>
  talk.event.includes(String(talk.year)) ? talk.event : `${talk.event} ${talk.year}`;

/** "FOSDEM 2027, starting Sat 1 Feb 09:00 Europe/Brussels" */
function startsAt(t: TimedTalk): string {
  const day = new Intl.DateTimeFormat("en-GB", {
    timeZone: t.timeZone,
    weekday: "short",
    day: "numeric",
    month: "short",
  }).format(t.start);
  return `${eventName(t.talk)}, starting ${day} ${localTime(t.start, t.timeZone)} ${t.timeZone}`;
}

function nextLine(opening: string, table: readonly TimedTalk[], now: number): string {
  const next = nextConference(table, now);
  return next
    ? `${opening} Next: ${startsAt(next)}.`
    : `${opening} The catalog has no upcoming conference.`;
}

const DAY_NAMES: Record<DayWord, string> = {
  today: "for today",
  tomorrow: "for tomorrow",
  yesterday: "for yesterday",
  monday: "for Monday",
  tuesday: "for Tuesday",
  wednesday: "for Wednesday",
  thursday: "for Thursday",
  friday: "for Friday",
  saturday: "for Saturday",
  sunday: "for Sunday",
};

function newTalks(ctx: WeekContext): WeekListing {
  const today = dateInZone(new Date(ctx.now), ctx.timeZone);
  const since = addDays(today, 1 - NEW_DAYS);
  // `import` (and a source's sync) dates a talk the day after it arrives, so the talk of
  // the day picks it from then on (src/import/import.ts): a talk synced today is dated
  // tomorrow, and is new now.
  const until = addDays(today, 1);
  const fresh = ctx.talks
    .filter((t) => t.added !== null && t.added >= since && t.added <= until)
    .filter((t) => ctx.accepts?.(t) ?? true)
    // Newest first; within a day (a whole conference arrives at once) the best match first.
    .sort(
      (a, b) =>
        (b.added ?? "").localeCompare(a.added ?? "") ||
        (ctx.rank ? ctx.rank(a) - ctx.rank(b) : 0) ||
        a.title.localeCompare(b.title),
    );
  if (fresh.length > 0) {
    return {
      kind: "list",
      heading: `New in the last ${NEW_DAYS} days`,
      entries: fresh.map((talk) => ({ talk, timed: timed(talk) })),
    };
  }
  return {
    kind: "note",
    message: ctx.accepts
      ? `Nothing added in the last ${NEW_DAYS} days matches those words.`
      : `Nothing was added in the last ${NEW_DAYS} days.`,
  };
}

export function weekListing(command: WeekWords, ctx: WeekContext): WeekListing {
  if (command.kind === "new") return newTalks(ctx);
  const { accepts, now } = ctx;
  const table = accepts ? tableOf(ctx.talks).filter((t) => accepts(t.talk)) : tableOf(ctx.talks);
  if (command.kind === "schedule") {
    const day = dayOf(table, command.day, now);
    return day.length > 0
      ? { kind: "list", heading: `Schedule ${DAY_NAMES[command.day]}`, entries: listed(day) }
      : { kind: "note", message: `No talks on the schedule ${DAY_NAMES[command.day]}.` };
  }
  const on = command.when === "now" ? runningAt(table, now) : startingSoon(table, now);
  if (on.length > 0) {
    const heading = command.when === "now" ? "Running now" : "Starting within the hour";
    return { kind: "list", heading, entries: listed(on) };
  }
  const opening =
    command.when === "now" ? "Nothing is running now." : "Nothing starts within the hour.";
  return { kind: "note", message: nextLine(opening, table, now) };
}
