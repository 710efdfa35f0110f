// /virt now, next and schedule through the real Bolt App over invented timed talks: the
// slot line (local time and room) on each card, catalog text escaped, the one-line note.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Block } from "../../../src/render/slack/blocks.ts";
import {
  answerOf,
  type Harness,
  nextResponseId,
  startHarness,
} from "../../support/slack-harness.ts";
import { weekLibrary } from "../../support/week-catalog.ts";

const clock = { now: 0 };
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ library: weekLibrary(clock) });
});
afterAll(async () => {
  await h.close();
});

async function ask(text: string) {
  const seen = h.observed.length;
  const res = await h.command(text, { responseId: nextResponseId() });
  const answer = answerOf(res);
  await vi.waitFor(() => expect(h.observed.length).toBeGreaterThan(seen));
  return answer.body as { response_type: string; text: string; blocks?: Block[] };
}
const sections = (body: { blocks?: Block[] }) =>
  (body.blocks ?? []).flatMap((b) => (b.type === "section" ? [b.text.text] : []));

describe("/virt and the conference week", () => {
  it("shows what runs at 23:59 in Bengaluru with its local time and room", async () => {
    clock.now = Date.parse("2026-11-20T23:59:00+05:30");
    const body = await ask("now");
    expect(body.response_type).toBe("ephemeral");
    expect(sections(body)).toEqual([
      "Running now · 1 of 1",
      "*<https://example.org/evs-2026/late-vfio|Booting guests late with VFIO passthrough>*\n" +
        "Fri 23:30–00:15 · Hall A · Asha Example · Example Virt Summit 2026\n" +
        "An invented talk for the conference-week tests: a device handed to a guest with VFIO.",
    ]);
  });

  it("escapes a timed talk's title on Saturday's schedule in Brisbane", async () => {
    clock.now = Date.parse("2027-02-05T23:30:00Z");
    expect(sections(await ask("schedule"))).toEqual([
      "Schedule for today · 1 of 1",
      "*<https://example.com/ekd-2027/keynote|Opening keynote: &lt;KVM&gt; &amp; friends>*\n" +
        "Sat 09:00–10:00 · Lee Example · Example KVM Day 2027\n" +
        "An invented talk for the conference-week tests, with markup characters in its title.",
    ]);
  });

  it("answers next outside a conference with one line", async () => {
    clock.now = Date.parse("2026-12-01T00:00:00Z");
    const body = await ask("next");
    expect(body).toEqual({
      response_type: "ephemeral",
      text: "Nothing starts within the hour. Next: Example KVM Day 2027, starting Sat 6 Feb 09:00 Australia/Brisbane.",
    });
  });
});
