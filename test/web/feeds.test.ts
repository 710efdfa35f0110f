// The feeds, read back with the libraries a reader would use: Atom with fast-xml-parser,
// iCalendar with ical.js, and the JSON search in the CLI's `search --json` shape.
import { XMLParser } from "fast-xml-parser";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hitJson } from "../../src/cli/json.ts";
import { toCard } from "../../src/core/card.ts";
import { renderCalendar } from "../../src/render/web/calendar.ts";
import { NO_EXTRAS } from "../../src/render/web/talk.ts";
import { HOSTILE, startWeb, TODAY, type WebHarness } from "./support.ts";

let web: WebHarness;
beforeAll(async () => {
  web = await startWeb();
});
afterAll(() => web.close());

describe("/new.atom", () => {
  it("lists the talks added in the last 30 days, with absolute links, as valid XML", async () => {
    const res = await web.get("/new.atom");
    expect(res.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
    const feed = new XMLParser({ ignoreAttributes: false }).parse(await res.text()).feed;
    expect(feed.id).toBe("https://talks.example.org/new");
    expect(feed.updated).toBe("2026-11-20T00:00:00Z");
    const entries = [feed.entry].flat();
    expect(entries.map((e: { id: string }) => e.id)).toEqual([
      `https://talks.example.org/talks/${HOSTILE.id}`,
      `https://talks.example.org/talks/${web.library.current().catalog.talks[0]!.id}`,
    ]);
    // Markup in a title is text in the feed, and the bidi overrides are gone.
    expect(entries[0].title).toBe("gnp.exe <script>alert(1)</script> Memory tiering");
  });
});

describe("iCalendar", () => {
  it("/today.ics is the talk of the day as an all-day event", async () => {
    const res = await web.get("/today.ics");
    expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const calendar = new ICAL.Component(ICAL.parse(await res.text()));
    const [event] = calendar.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
    const today = web.library.current().today(TODAY).card;
    expect(event!.startDate.toString()).toBe(TODAY);
    expect(event!.startDate.isDate).toBe(true);
    expect(event!.summary).toBe(`Talk of the day: ${today.title}`);
    expect(event!.component.getFirstPropertyValue("url")).toBe(
      `https://talks.example.org/talks/${today.id}`,
    );
  });

  it("/events/<event>.ics holds the event's talks that have a day", async () => {
    const text = await (await web.get("/events/lpc-2010.ics")).text();
    const calendar = new ICAL.Component(ICAL.parse(text));
    expect(calendar.getFirstPropertyValue("x-wr-calname")).toBe(
      "Linux Plumbers Conference 2010, Virtualization Microconference",
    );
    const events = calendar.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.startDate.isDate)).toBe(true);
  });

  it("gives a talk with a schedule time a timed event in UTC, and skips one with only a year", () => {
    const card = toCard(HOSTILE);
    const extras = {
      ...NO_EXTRAS,
      start: "2026-09-03T10:30:00+02:00",
      end: "2026-09-03T11:00:00+02:00",
      room: "D105",
    };
    const text = renderCalendar(
      "https://talks.example.org",
      "Example",
      [
        { card, extras },
        { card: { ...card, id: "undated", date: "2026" }, extras: NO_EXTRAS },
      ],
      `${TODAY}T00:00:00Z`,
    );
    const events = new ICAL.Component(ICAL.parse(text))
      .getAllSubcomponents("vevent")
      .map((v) => new ICAL.Event(v));
    expect(events).toHaveLength(1);
    expect(events[0]!.startDate.toString()).toBe("2026-09-03T08:30:00Z");
    expect(events[0]!.endDate.toString()).toBe("2026-09-03T09:00:00Z");
    expect(events[0]!.location).toBe("D105");
    expect(events[0]!.uid).toBe(`${HOSTILE.id}@talks.example.org`);
  });
});

describe("/api/search", () => {
  it("answers the CLI's JSON hits, with the total in X-Total-Count", async () => {
    const res = await web.get("/api/search?q=vfio&limit=2");
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const hits = (await res.json()) as ReturnType<typeof hitJson>[];
    const core = web.library.current();
    const answer = core.answer("vfio", { pageSize: 2 });
    if (answer.kind !== "results") throw new Error("vfio finds talks");
    expect(hits).toEqual(
      answer.hits.map((h) =>
        hitJson({ talk: core.catalog.byId.get(h.card.id)!, score: h.score, matched: h.matched }),
      ),
    );
    expect(res.headers.get("x-total-count")).toBe(String(answer.total));
  });

  it("answers [] for nothing found and 400 for what is not a search", async () => {
    expect(await (await web.get("/api/search?q=kubernetes")).json()).toEqual([]);
    const missing = await web.get("/api/search");
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ error: "q is required, e.g. /api/search?q=numa" });
    expect((await web.get("/api/search?q=help")).status).toBe(400);
  });

  it("answers a chat-only command with an error saying what to use instead, never a search", async () => {
    const answers = await Promise.all(
      ["more", "page 2", "subscribe 09:00", "watch numa", "stop posting here"].map(async (q) => {
        const res = await web.get(`/api/search?q=${encodeURIComponent(q)}`);
        return [res.status, await res.json()];
      }),
    );
    expect(answers).toEqual([
      [
        400,
        {
          error:
            '"more" is a chat command; here, ask for a page with offset= and limit= (X-Total-Count has the number of matches).',
          chat: "paging",
        },
      ],
      [
        400,
        {
          error:
            '"page 2" is a chat command; here, ask for a page with offset= and limit= (X-Total-Count has the number of matches).',
          chat: "paging",
        },
      ],
      [
        400,
        {
          error:
            '"subscribe 09:00" is a chat command; here, the talk of the day is at https://talks.example.org/today, and as iCalendar at https://talks.example.org/today.ics.',
          chat: "subscription",
        },
      ],
      [
        400,
        {
          error:
            '"watch numa" is a chat command; here, follow the feed of new talks: https://talks.example.org/new.atom.',
          chat: "watch",
        },
      ],
      [
        400,
        {
          error:
            '"stop posting here" is a chat command; this API posts nothing, so there is nothing to stop.',
          chat: "stop",
        },
      ],
    ]);
  });
});
