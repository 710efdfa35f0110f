// The talk of the day: a pure function of the calendar date and the catalog, so every
// process and replica picks the same talk without talking to each other.
//
// Talks are dealt in cycles: each cycle is a seeded shuffle of every talk, walked one
// per day, so every talk comes up once before any repeats. A talk added later (its
// `added` date) is slotted into the rest of the cycle running on that day, so the days
// before it joined are never reshuffled.
import { createHash } from "node:crypto";
import type { Talk } from "./talk.ts";

/** Day 0 of the walk. Changing it would change every day's talk: never do. */
export const TOTD_EPOCH = "2020-01-01";
const DAY_MS = 86_400_000;

/** The calendar date (YYYY-MM-DD) that `instant` falls on in an IANA time zone. */
export function dateInZone(instant: Date, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(instant);
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

/** mulberry32: a small seeded PRNG, so shuffles are the same on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  const rand = prng(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

interface Walk {
  readonly talks: readonly Talk[];
  /** talk chosen for each day number from 0 up to the last computed one */
  readonly days: Talk[];
  state: { cycle: number; remaining: Talk[]; pool: Set<string> };
}

const walks = new WeakMap<readonly Talk[], Walk>();

function joinDay(talk: Talk): number {
  return talk.added ? Math.max(0, dayNumber(talk.added)) : 0;
}

function startWalk(talks: readonly Talk[]): Walk {
  const byId = [...talks].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const first = byId.filter((t) => joinDay(t) === 0);
  const pool = new Set(first.map((t) => t.id));
  return {
    talks: byId,
    days: [],
    state: { cycle: 0, remaining: shuffled(first, hash32("cycle:0")), pool },
  };
}

function extend(walk: Walk, upTo: number): void {
  const { state, days, talks } = walk;
  for (let day = days.length; day <= upTo; day++) {
    // Talks joining today go into the rest of the current cycle at seeded places.
    for (const t of talks) {
      if (!state.pool.has(t.id) && joinDay(t) === day) {
        state.pool.add(t.id);
        const at = hash32(`join:${t.id}`) % (state.remaining.length + 1);
        state.remaining.splice(at, 0, t);
      }
    }
    if (state.remaining.length === 0) {
      state.cycle++;
      const pool = talks.filter((t) => state.pool.has(t.id));
      state.remaining = shuffled(pool, hash32(`cycle:${state.cycle}`));
      // Never the same talk two days in a row across a cycle boundary.
      const prev = days[day - 1];
      if (prev && state.remaining.length > 1 && state.remaining[0]!.id === prev.id) {
        [state.remaining[0], state.remaining[1]] = [state.remaining[1]!, state.remaining[0]!];
      }
    }
    days.push(state.remaining.shift()!);
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
  if (day < 0) {
    // Before the epoch: repeat the first cycle backwards; nobody posts there.
    extend(walk, walk.talks.length);
    const n = walk.state.pool.size;
    return walk.days[((day % n) + n) % n]!;
  }
  extend(walk, day);
  return walk.days[day]!;
}
