// The talk of the day: a pure function of the calendar date and the catalog, so every
// process and replica picks the same talk without talking to each other.
//
// The talks stand in one fixed circle (ordered by a hash of their ids), and each day the
// pointer moves to the next talk in the circle that has joined by then. So any N
// consecutive days name N different talks (N = the talks joined when the window starts)
// — a circle read round and round is the only sequence with that property — and a talk
// added later (its `added` date) takes its place in the circle without changing the
// order of the others: the days before it joined read exactly as they did.
import { createHash } from "node:crypto";
import { LRUCache } from "lru-cache";
import type { Talk } from "../core/talk.ts";

/** Day 0 of the walk. Changing it would change every day's talk: never do. */
const TOTD_EPOCH = "2020-01-01";
const DAY_MS = 86_400_000;

/**
 * A formatter per time zone: making one costs ~0.2 ms, and every search asks the date
 * now ("talks from this year" is read against it). Zones in use are few.
 */
const dayFormats = new LRUCache<string, Intl.DateTimeFormat>({ max: 64 });

/** The calendar date (YYYY-MM-DD) that `instant` falls on in an IANA time zone. */
export function dateInZone(instant: Date, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    // en-CA formats as YYYY-MM-DD.
    format = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    dayFormats.set(timeZone, format);
  }
  return format.format(instant);
}

export function dayNumber(date: string): number {
  return Math.round(
    (Date.parse(`${date}T00:00:00Z`) - Date.parse(`${TOTD_EPOCH}T00:00:00Z`)) / DAY_MS,
  );
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function hash32(text: string): number {
  return createHash("sha256").update(text).digest().readUInt32BE(0);
}

function joinDay(talk: Talk): number {
  return talk.added ? Math.max(0, dayNumber(talk.added)) : 0;
}

interface Walk {
  /** The circle: every talk, in hash order (ties by id). */
  readonly circle: readonly Talk[];
  readonly joins: readonly number[];
  /** The talk of each day number from 0 up to the last computed one, as circle indices. */
  readonly days: number[];
}

const walks = new WeakMap<readonly Talk[], Walk>();

function startWalk(talks: readonly Talk[]): Walk {
  const keyed = talks.map((t) => ({ t, k: hash32(`circle:${t.id}`) }));
  keyed.sort((a, b) => a.k - b.k || (a.t.id < b.t.id ? -1 : a.t.id > b.t.id ? 1 : 0));
  const circle = keyed.map((x) => x.t);
  return { circle, joins: circle.map(joinDay), days: [] };
}

/** The next circle index after `from` whose talk has joined by `day` (-1: none has). */
function nextJoined(walk: Walk, from: number, day: number): number {
  const n = walk.circle.length;
  for (let step = 1; step <= n; step++) {
    const i = (from + step) % n;
    if (walk.joins[i]! <= day) return i;
  }
  return -1;
}

function extend(walk: Walk, upTo: number): void {
  const { days } = walk;
  for (let day = days.length; day <= upTo; day++) {
    const from = day === 0 ? -1 : days[day - 1]!;
    days.push(nextJoined(walk, from, day));
  }
}

/** The talk of the day for a calendar date (YYYY-MM-DD). Throws on an empty catalog. */
export function talkOfTheDay(talks: readonly Talk[], date: string): Talk {
  if (talks.length === 0) throw new Error("talkOfTheDay: the catalog is empty");
  const day = dayNumber(date);
  if (!Number.isFinite(day)) throw new Error(`talkOfTheDay: not a date: ${date}`);
  let walk = walks.get(talks);
  if (!walk) {
    walk = startWalk(talks);
    walks.set(talks, walk);
  }
  // Before the epoch (nobody posts there) the first circle runs backwards.
  const at = Math.max(0, day);
  extend(walk, at);
  let index = walk.days[at]!;
  if (index < 0) {
    // Every talk joins later than this day: the earliest-joining ones stand in.
    const first = Math.min(...walk.joins);
    index = walk.joins.indexOf(first);
  }
  if (day < 0) {
    const founders = walk.circle.filter((_, i) => walk.joins[i] === walk.joins[index]);
    const n = founders.length;
    const start = founders.indexOf(walk.circle[index]!);
    return founders[(((start + day) % n) + n) % n]!;
  }
  return walk.circle[index]!;
}
