// The event and year a sentence states in words are its event: and year: filters, when
// the catalog has them (stated-filters.ts); version numbers and unknown years stay words.
import { describe, expect, it } from "vitest";
import { createCore } from "../../../src/core/answer.ts";
import { buildIndex } from "../../../src/core/search/index/build.ts";
import { relativeYears, statedFilters } from "../../../src/core/search/query/stated-filters.ts";
import type { Talk } from "../../../src/core/talk.ts";
import { noResults, searchRequest } from "../../support/search.ts";
import { catalogOf, talkWith } from "../../support/talks.ts";
import { ranked, talk } from "./broad-fixture.ts";

const at = (event: string, short: string, year: number) => ({
  event: `${event} ${year}`,
  eventShort: `${short} ${year}`,
  eventId: `${event.toLowerCase().replace(/ /g, "-")}-${year}`,
  year,
});

const fosdem2020 = at("FOSDEM", "FOSDEM", 2020);
const fosdem2024 = at("FOSDEM", "FOSDEM", 2024);
const plumbers = {
  ...at("Linux Plumbers Conference", "LPC", 2012),
  event: "Linux Plumbers Conference 2012, Virtualization Microconference",
};

const talks: Talk[] = [
  talk("vfio-forum", "VFIO device assignment deep dive", "vfio vfio vfio", { year: 2011 }),
  talk("vfio-2020", "Passing devices with VFIO", "vfio", fosdem2020),
  talk("vfio-2024", "VFIO and iommufd", "vfio", fosdem2024),
  talk("kvm-2024", "KVM dirty ring", "kvm", fosdem2024),
  talk("kvm-lpc", "KVM and the scheduler", "kvm", plumbers),
  talk("usb3", "USB 3 redirection 2.0", "usb 3 qemu 8.2", fosdem2020),
];

describe("an event or year said in a sentence", () => {
  it("filters by the event after at/from and by a standalone year the catalog has", () => {
    expect(ranked(talks, "vfio talks at fosdem 2020")).toEqual(["vfio-2020"]);
    expect(ranked(talks, "who talked about vfio at fosdem?")).toEqual(["vfio-2024", "vfio-2020"]);
    expect(ranked(talks, "kvm talks from 2024")).toEqual(["kvm-2024"]);
    expect(ranked(talks, "2024 talks")).toEqual(["kvm-2024", "vfio-2024"]);
    expect(ranked(talks, "kvm at linux plumbers")).toEqual(["kvm-lpc"]);
    expect(ranked(talks, "kvm from lpc")).toEqual(["kvm-lpc"]);
    expect(ranked(talks, "vfio since 2020")).toEqual(["vfio-2024", "vfio-2020"]);
  });

  it("is the typed filter", () => {
    expect(ranked(talks, "vfio at fosdem in 2020")).toEqual(
      ranked(talks, "vfio event:fosdem year:2020"),
    );
  });

  it("leaves versions, years the catalog lacks and event-like subjects as words", () => {
    const index = buildIndex(talks);
    const read = (q: string) => {
      const r = statedFilters(searchRequest(q), index);
      return { words: r.words, events: r.events, years: r.years };
    };
    expect(read("qemu 8.2 usb 3")).toEqual({
      words: ["qemu", "8.2", "usb", "3"],
      events: [],
      years: null,
    });
    expect(read("vfio in 2013")).toEqual({
      words: ["vfio", "in", "2013"],
      events: [],
      years: null,
    });
    // "linux" alone is no event's name; "fosdem" without "at"/"from" or a year is a word.
    expect(read("talks from linux")).toEqual({
      words: ["talks", "from", "linux"],
      events: [],
      years: null,
    });
    expect(read("fosdem vfio")).toEqual({ words: ["fosdem", "vfio"], events: [], years: null });
    expect(read("fosdem 2020 vfio")).toEqual({
      words: ["vfio"],
      events: ["fosdem"],
      years: { from: 2020, to: 2020 },
    });
    // What was typed wins.
    expect(read("vfio 2024 year:2020").years).toEqual({ from: 2020, to: 2020 });
  });

  it("reads this, last and next year from the year it is given", () => {
    const relative = (query: string) => {
      const { words, years } = relativeYears(searchRequest(query), 2024);
      return { words, years };
    };
    expect(relative("talks from this year")).toEqual({
      words: ["talks"],
      years: { from: 2024, to: 2024 },
    });
    expect(relative("this year's kvm talks")).toEqual({
      words: ["kvm", "talks"],
      years: { from: 2024, to: 2024 },
    });
    expect(relative("vfio last year")).toEqual({
      words: ["vfio"],
      years: { from: 2023, to: 2023 },
    });
    expect(relative("numa since last year").years).toEqual({ from: 2023, to: 2100 });
    expect(relative("kvm next year").years).toEqual({ from: 2025, to: 2025 });
    // No year word after it, or a typed year: as it was.
    expect(relative("this talk")).toEqual({ words: ["this", "talk"], years: null });
    expect(relative("kvm last year year:2020")).toEqual({
      words: ["kvm", "last", "year"],
      years: { from: 2020, to: 2020 },
    });
  });
});

describe("relative years through the core", () => {
  const yearsCatalog = catalogOf([
    talkWith({ id: "a", title: "Ballooning guests", speakers: ["Ada Example"], year: 2011 }),
    talkWith({ id: "b", title: "Virtio rings", speakers: ["Bo Sample"], year: 2013 }),
  ]);

  it("reads this, last and next year against the core's clock, in its zone", () => {
    const at = (iso: string) =>
      createCore({ timeZone: "Asia/Tokyo", clock: () => new Date(iso), catalog: yearsCatalog });
    // 2013-12-31 20:00 UTC is already 2014 in Tokyo.
    expect(at("2013-12-31T20:00:00Z").answer("talks from last year")).toMatchObject({
      kind: "results",
      hits: [{ card: { id: "b" } }],
    });
    expect(at("2013-06-01T00:00:00Z").answer("this year's virtio talks")).toMatchObject({
      kind: "results",
      hits: [{ card: { id: "b" } }],
    });
    expect(at("2012-06-01T00:00:00Z").answer("ballooning since last year")).toMatchObject({
      kind: "results",
      hits: [{ card: { id: "a" } }],
    });
    // A year the catalog lacks (2012 lies between its talks) is said as year:2012 is.
    expect(at("2013-06-01T00:00:00Z").answer("talks from last year")).toEqual(
      noResults(
        "talks from last year",
        "No talk in the catalog is from 2012: its talks are from 2011 and 2013.",
      ),
    );
    // A typed year wins; the words stay words.
    expect(at("2013-06-01T00:00:00Z").answer("virtio this year year:2011")).toEqual(
      noResults("virtio this year year:2011"),
    );
  });
});
