// new, now, next and schedule answered by the real core and turn over invented timed talks
// (test/fixtures/week): exact talks, slot lines and one-line notes, in Bengaluru at 23:59
// and 00:01 local, in Brisbane, and in Los Angeles across its DST change; paged with `more`.
import { describe, expect, it } from "vitest";
import type { Answer } from "../../src/core/answer.ts";
import { byline } from "../../src/core/card.ts";
import type { Reply } from "../../src/core/reply.ts";
import { createTurn } from "../../src/core/turn.ts";
import { weekLibrary } from "../support/week-catalog.ts";

const clock = { now: 0 };
const library = weekLibrary(clock);
const at = (iso: string) => {
  clock.now = Date.parse(iso);
};

/** Each card as "byline | title", or the note's line. */
function shown(answer: Answer | Reply): string[] | string {
  if (answer.kind === "note") return answer.message;
  if (answer.kind !== "results") return `unexpected ${answer.kind}`;
  return answer.hits.map((h) => `${byline(h.card)} | ${h.card.title}`);
}
const ask = (text: string) => shown(library.current().answer(text));

const LATE_VFIO =
  "Fri 23:30–00:15 · Hall A · Asha Example · Example Virt Summit 2026 | Booting guests late with VFIO passthrough";
const DIRTY =
  "Sat 09:00–09:45 · Hall A · Ravi Example · Example Virt Summit 2026 | Dirty page tracking for live migration";
const VIRTIO =
  "Sat 09:30–10:00 · Hall B · Meera Example · Example Virt Summit 2026 | A tour of virtio queues";
const KEYNOTE =
  "Sat 09:00–10:00 · Lee Example · Example KVM Day 2027 | Opening keynote: <KVM> & friends";

describe("now and next", () => {
  it("a talk over local midnight in Asia/Kolkata is on at 23:59 and at 00:01", () => {
    at("2026-11-20T23:59:00+05:30");
    expect(ask("now")).toEqual([LATE_VFIO]);
    expect(ask("now at summit")).toEqual([LATE_VFIO]);
    expect(ask("now at kvm day")).toBe(
      "Nothing is running now. Next: Example KVM Day 2027, starting Sat 6 Feb 09:00 Australia/Brisbane.",
    );
    at("2026-11-21T00:01:00+05:30");
    expect(ask("now")).toEqual([LATE_VFIO]);
    expect(ask("next")).toBe(
      "Nothing starts within the hour. Next: Example Virt Summit 2026, starting Sat 21 Nov 09:00 Asia/Kolkata.",
    );
  });

  it("next lists what starts within the hour, each with its local time and room", () => {
    at("2026-11-21T08:20:00+05:30");
    expect(ask("next")).toEqual([DIRTY]);
    at("2026-11-21T09:10:00+05:30");
    expect(ask("now")).toEqual([DIRTY]);
    expect(ask("next")).toEqual([VIRTIO]);
  });

  it("outside a conference names the next one, or says there is none", () => {
    at("2026-12-01T00:00:00Z");
    expect(ask("now")).toBe(
      "Nothing is running now. Next: Example KVM Day 2027, starting Sat 6 Feb 09:00 Australia/Brisbane.",
    );
    expect(ask("next")).toBe(
      "Nothing starts within the hour. Next: Example KVM Day 2027, starting Sat 6 Feb 09:00 Australia/Brisbane.",
    );
    at("2027-03-01T00:00:00Z");
    expect(ask("now")).toBe("Nothing is running now. The catalog has no upcoming conference.");
  });
});

describe("now and next narrowed by a word", () => {
  it("lists only the talks the search accepts for it", () => {
    at("2026-11-21T09:10:00+05:30");
    expect(ask("now migration")).toEqual([DIRTY]);
    expect(ask("now vfio")).toBe("Nothing is running now. The catalog has no upcoming conference.");
    expect(ask("next virtio")).toEqual([VIRTIO]);
    expect(ask("next vfio talks")).toBe(
      "Nothing starts within the hour. The catalog has no upcoming conference.",
    );
    at("2026-11-20T23:00:00+05:30");
    expect(ask("next vfio")).toEqual([LATE_VFIO]);
  });
});

describe("schedule", () => {
  it("reads yesterday, parts of a day and what's on this afternoon; a span is a usage line", () => {
    at("2026-11-21T15:00:00+05:30");
    expect(ask("schedule yesterday")).toEqual([LATE_VFIO]);
    expect(ask("schedule this afternoon")).toEqual([DIRTY, VIRTIO]);
    expect(ask("what's on this afternoon")).toEqual([DIRTY, VIRTIO]);
    expect(ask("what's on tonight?")).toEqual([DIRTY, VIRTIO]);
    expect(ask("schedule yesterday vfio")).toEqual([LATE_VFIO]);
    expect(ask("schedule next sat")).toEqual([DIRTY, VIRTIO]);
    const usage = library.current().answer("schedule next week");
    expect(usage).toMatchObject({
      kind: "usage",
      message:
        'The schedule lists one conference day: "schedule" (today), "schedule tomorrow", "schedule yesterday" or a weekday ("schedule fri"), with words to narrow it ("schedule tomorrow vfio").',
    });
    expect(library.current().answer("schedule this week").kind).toBe("usage");
  });

  it("lists a day in time order, read in each conference's zone, narrowed by words", () => {
    at("2026-11-20T23:59:00+05:30");
    expect(ask("schedule")).toEqual([LATE_VFIO]);
    expect(ask("schedule tomorrow")).toEqual([DIRTY, VIRTIO]);
    expect(ask("schedule tomorrow migration")).toEqual([DIRTY]);
    expect(ask("schedule saturday topic:virtio")).toEqual([VIRTIO]);
    expect(ask("schedule monday")).toBe("No talks on the schedule for Monday.");
    // 00:01 in Bengaluru: Saturday is today there.
    at("2026-11-21T00:01:00+05:30");
    expect(ask("schedule today")).toEqual([DIRTY, VIRTIO]);
  });

  it("keeps local times across the Los Angeles DST change", () => {
    at("2026-10-31T12:00:00-07:00");
    expect(ask("schedule today")).toEqual([
      "Sat 17:00–17:30 · Room 1 · Sam Example · Example Cloud Days 2026 | Nested guests before the clocks change",
    ]);
    expect(ask("schedule sunday")).toEqual([
      "Sun 17:00–17:30 · Room 1 · Sam Example · Example Cloud Days 2026 | Nested guests after the clocks change",
    ]);
  });

  it("in Brisbane, a day ahead of Los Angeles", () => {
    at("2027-02-05T23:30:00Z"); // 09:30 Saturday in Brisbane, Friday afternoon in LA
    expect(ask("schedule")).toEqual([KEYNOTE]);
    expect(ask("now")).toEqual([KEYNOTE]);
  });
});

describe("new", () => {
  it("lists the last 7 days' additions newest first, narrowed by words", () => {
    at("2026-11-24T10:00:00+05:30");
    expect(ask("new")).toEqual([KEYNOTE, DIRTY, LATE_VFIO]);
    expect(ask("what's new?")).toEqual([KEYNOTE, DIRTY, LATE_VFIO]);
    expect(ask("new vfio")).toEqual([LATE_VFIO]);
    // Nothing recent on virtio: "what's new in virtio?" gets the talks on it, under a
    // heading that says nothing is new; words that find nothing keep the one-line note.
    expect(ask("new topic:virtio")).toEqual([
      "Michael Tsirkin · KVM Forum 2011 | New virtio networking features",
      "Stefan Hajnoczi, Paolo Bonzini · KVM Forum 2011 | virtio-scsi transport",
      "Meera Example · Example Virt Summit 2026 | A tour of virtio queues",
    ]);
    expect(ask("new zzqx")).toBe("Nothing added in the last 7 days matches those words.");
    at("2026-11-26T10:00:00+05:30"); // the window is 20–26 Nov
    expect(ask("new")).toEqual([KEYNOTE]);
    at("2026-12-30T10:00:00+05:30");
    expect(ask("new")).toBe("Nothing was added in the last 7 days.");
  });

  it("says what each list is in its heading, with the narrowing words", () => {
    const heading = (text: string) => {
      const answer = library.current().answer(text);
      return answer.kind === "results" ? answer.heading : answer.kind;
    };
    at("2026-11-21T09:10:00+05:30");
    expect(heading("now")).toBe("Running now");
    at("2026-11-24T10:00:00+05:30");
    expect(heading("what's new in virtio?")).toBe("Nothing added in the last 7 days · older talks");
    at("2026-11-21T09:10:00+05:30");
    expect(heading("next at summit")).toBe('Starting within the hour · event:"summit"');
    expect(heading("schedule")).toBe("Schedule for today");
    expect(heading("schedule sat migration")).toBe("Schedule for Saturday · migration");
    expect(heading("new vfio")).toBe("New in the last 7 days · vfio");
    expect(heading("vfio")).toBeUndefined();
  });

  it("an unknown topic is answered as in a search", () => {
    expect(library.current().answer("schedule topic:nope").kind).toBe("unknown-topic");
  });

  it("pages with more, like a search", async () => {
    at("2026-11-24T10:00:00+05:30");
    const turn = createTurn({ library, clock: () => clock.now });
    const input = { platform: "console" as const, conversation: "c", user: "u" };
    const first = await turn.handle({ ...input, text: "new", pageSize: 2 });
    expect(first.reply && shown(first.reply)).toEqual([KEYNOTE, DIRTY]);
    expect(first.outcome).toEqual({
      platform: "console",
      command: "results",
      results: 3,
      outcome: "ok",
    });
    const second = await turn.handle({ ...input, text: "more", pageSize: 2 });
    expect(second.reply && shown(second.reply)).toEqual([LATE_VFIO]);
    const third = await turn.handle({ ...input, text: "more", pageSize: 2 });
    expect(third.reply).toEqual({ kind: "end-of-results", query: "new", total: 3 });
  });
});
