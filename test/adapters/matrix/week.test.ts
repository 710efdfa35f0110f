// !virt now, schedule and next through the real matrix-bot-sdk against the fake homeserver,
// over invented timed talks: the slot line on each card, catalog text escaped in the HTML,
// the one-line note outside a conference.
import { afterEach, describe, expect, it } from "vitest";
import { createTurn } from "../../../src/core/turn.ts";
import { alice, Harness, replyTo } from "../../support/matrix-harness.ts";
import { weekLibrary } from "../../support/week-catalog.ts";

const clock = { now: 0 };
let h: Harness;
afterEach(async () => {
  // The exact formatted bodies below pin their tags; this checks mentions, token and endpoints.
  h.expectClean();
  await h.close();
});

describe("the conference week in a Matrix room", () => {
  it("answers now at 00:01 in Bengaluru, Brisbane's schedule and next outside a conference", async () => {
    h = await Harness.create({ turn: createTurn({ library: weekLibrary(clock) }) });
    const room = h.hs.createRoom({ members: [alice] });
    await h.start();
    const ask = async (text: string, iso: string) => {
      clock.now = Date.parse(iso);
      const asked = h.hs.message(room, alice, `!virt ${text}`);
      await h.hs.until(() => h.hs.sent.some((s) => replyTo(s) === asked), text);
      const { body, formatted_body } = h.hs.sent.find((s) => replyTo(s) === asked)!.content;
      return { body, formatted_body };
    };

    expect(await ask("now", "2026-11-21T00:01:00+05:30")).toEqual({
      body: [
        "Running now — 1 of 1",
        "",
        "1. Booting guests late with VFIO passthrough — https://example.org/evs-2026/late-vfio",
        "Fri 23:30–00:15 · Hall A · Asha Example · Example Virt Summit 2026",
        "An invented talk for the conference-week tests: a device handed to a guest with VFIO.",
        "Topics: vfio",
        "Also: Event page https://example.org/evs-2026/",
      ].join("\n"),
      formatted_body:
        '<p>Running now — 1 of 1</p><p><strong>1. <a href="https://example.org/evs-2026/late-vfio">Booting guests late with VFIO passthrough</a></strong><br><em>Fri 23:30–00:15 · Hall A · Asha Example · Example Virt Summit 2026</em><br>An invented talk for the conference-week tests: a device handed to a guest with VFIO.<br><em>Topics: vfio</em><br>Also: <a href="https://example.org/evs-2026/">Event page</a></p>',
    });
    expect(await ask("schedule", "2027-02-05T23:30:00Z")).toEqual({
      body: [
        "Schedule for today — 1 of 1",
        "",
        "1. Opening keynote: <KVM> & friends — https://example.com/ekd-2027/keynote",
        "Sat 09:00–10:00 · Lee Example · Example KVM Day 2027",
        "An invented talk for the conference-week tests, with markup characters in its title.",
        "Topics: kvm",
      ].join("\n"),
      formatted_body:
        '<p>Schedule for today — 1 of 1</p><p><strong>1. <a href="https://example.com/ekd-2027/keynote">Opening keynote: &lt;KVM&gt; &amp; friends</a></strong><br><em>Sat 09:00–10:00 · Lee Example · Example KVM Day 2027</em><br>An invented talk for the conference-week tests, with markup characters in its title.<br><em>Topics: kvm</em></p>',
    });
    expect(await ask("next", "2026-12-01T00:00:00Z")).toEqual({
      body: "Nothing starts within the hour. Next: Example KVM Day 2027, starting Sat 6 Feb 09:00 Australia/Brisbane.",
      formatted_body:
        "<p>Nothing starts within the hour. Next: Example KVM Day 2027, starting Sat 6 Feb 09:00 Australia/Brisbane.</p>",
    });
  });
});
