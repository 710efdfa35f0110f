// The week listings on a 10,000-talk timetable (one conference, 500 slots, 20 rooms): the
// first call builds the timetable (once per catalog); now, a day's schedule and new after
// it, medians of 7 rounds. Run: npx tsx bench/week/listing.ts

import type { Talk } from "../../src/core/talk.ts";
import { weekListing } from "../../src/week/listing.ts";
import { talkWith } from "../../test/support/talks.ts";

const base = Date.parse("2026-11-20T09:00:00+05:30");
const talks: Talk[] = Array.from(
  { length: 10_000 },
  (_, i) =>
    ({
      ...talkWith({ id: `t${i}`, title: `talk ${i}`, added: "2026-11-19" }),
      start: new Date(base + (i % 500) * 15 * 60_000).toISOString(),
      end: new Date(base + ((i % 500) * 15 + 30) * 60_000).toISOString(),
      timeZone: "Asia/Kolkata",
      room: `Room ${i % 20}`,
    }) as Talk,
);
const ctx = { talks, now: base + 3 * 3600_000, timeZone: "Asia/Kolkata", accepts: null };
const time = (label: string, f: () => unknown) => {
  const rounds: number[] = [];
  for (let r = 0; r < 7; r++) {
    const t = performance.now();
    f();
    rounds.push(performance.now() - t);
  }
  rounds.sort((a, b) => a - b);
  console.log(label, "median of 7, ms:", rounds[3]!.toFixed(2));
};
const t0 = performance.now();
weekListing({ kind: "on-now", when: "now" }, ctx);
console.log(
  "first now (builds the timetable once per catalog), ms:",
  (performance.now() - t0).toFixed(1),
);
time("now", () => weekListing({ kind: "on-now", when: "now" }, ctx));
time("schedule tomorrow", () => weekListing({ kind: "schedule", day: "tomorrow" }, ctx));
time("new (10,000 added this week)", () => weekListing({ kind: "new" }, ctx));
