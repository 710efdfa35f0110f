// A search that finds nothing says so when one of its filters alone matches no talk.
import { describe, expect, it } from "vitest";
import { createCore } from "../../src/core/answer.ts";
import { yearSpan } from "../../src/core/filter-miss.ts";
import { noResults } from "../support/search.ts";
import { catalogOf, talkWith } from "../support/talks.ts";

const core = createCore({
  timeZone: "UTC",
  catalog: catalogOf([
    talkWith({
      id: "a",
      title: "Ballooning guests",
      speakers: ["Ada Example"],
      year: 2011,
      event: "KVM Forum 2011",
      eventShort: "KVM Forum 2011",
      eventId: "kvm-forum-2011",
    }),
    talkWith({ id: "b", title: "Virtio rings", speakers: ["Bo Sample"], year: 2013 }),
  ]),
});

describe("a filter that matches nothing", () => {
  it("says the years the catalog has when asked for others", () => {
    expect(core.answer("year:2020")).toEqual(
      noResults(
        "year:2020",
        "No talk in the catalog is from 2020: its talks are from 2011 to 2013.",
      ),
    );
    expect(core.answer("virtio year:2000-2005")).toEqual(
      noResults(
        "virtio year:2000-2005",
        "No talk in the catalog is from 2000 to 2005: its talks are from 2011 to 2013.",
      ),
    );
  });

  it("names an event or speaker no talk has", () => {
    expect(core.answer("event:fosdem")).toEqual(
      noResults("event:fosdem", 'No event in the catalog matches "fosdem".'),
    );
    expect(core.answer("virtio speaker:zed")).toEqual(
      noResults("virtio speaker:zed", 'No speaker in the catalog matches "zed".'),
    );
  });

  it("offers the event a misspelt one is a slip from, word by word", () => {
    expect(core.answer("virtio event:kvm-frum")).toEqual(
      noResults(
        "virtio event:kvm-frum",
        'No event in the catalog matches "kvm-frum"; did you mean event:"kvm forum"?',
      ),
    );
    expect(core.answer("event:froum")).toEqual(
      noResults(
        "event:froum",
        'No event in the catalog matches "froum"; did you mean event:forum?',
      ),
    );
    // Two slips in a short word, or another first letter, is another word ("fosdm" is not "forum").
    expect(core.answer("event:fosdm")).toEqual(
      noResults("event:fosdm", 'No event in the catalog matches "fosdm".'),
    );
    expect(core.answer("event:vkm")).toEqual(
      noResults("event:vkm", 'No event in the catalog matches "vkm".'),
    );
    // A word near no event's word offers nothing.
    expect(core.answer("event:kvm-banana")).toEqual(
      noResults("event:kvm-banana", 'No event in the catalog matches "kvm-banana".'),
    );
  });

  it("says which years a speaker, event or topic has when asked for another", () => {
    expect(core.answer("speaker:ada year:2013")).toEqual(
      noResults(
        "speaker:ada year:2013",
        "No talk for speaker:ada is from 2013; they are from 2011.",
      ),
    );
    expect(core.answer('event:"kvm forum" year:2012')).toEqual(
      noResults(
        'event:"kvm forum" year:2012',
        'No talk for event:"kvm forum" is from 2012; they are from 2011 and 2013.',
      ),
    );
  });

  it("says nothing more when words may be what found nothing", () => {
    const answer = core.answer("virtio speaker:ada year:2013");
    expect(answer).toEqual(noResults("virtio speaker:ada year:2013"));
    expect(answer).not.toHaveProperty("why");
  });

  it("says which years a sentence's words have when its stated year has none of them", () => {
    expect(core.answer("talks by ada in 2013")).toEqual(
      noResults(
        "talks by ada in 2013",
        'No talk for "talks by ada" is from 2013; they are from 2011.',
      ),
    );
    expect(core.answer("virtio year:2011")).toEqual(
      noResults("virtio year:2011", 'No talk for "virtio" is from 2011; they are from 2013.'),
    );
  });

  it("lists the years the catalog has around a year between them, never a span holding it", () => {
    const years = [2008, 2009, 2010, 2011, 2014, 2015];
    const wide = createCore({
      timeZone: "UTC",
      catalog: catalogOf(years.map((year) => talkWith({ id: `t${year}`, title: "Virtio", year }))),
    });
    expect(wide.answer("year:2012")).toEqual(
      noResults(
        "year:2012",
        "No talk in the catalog is from 2012: the nearest years it has are 2011 and 2014.",
      ),
    );
  });

  it("spans the catalog's years, or none for an empty catalog", () => {
    expect(yearSpan([{ year: 2012 }, { year: 2009 }, { year: 2010 }])).toEqual({
      from: 2009,
      to: 2012,
    });
    expect(yearSpan([])).toBeNull();
  });
});
