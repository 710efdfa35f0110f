import { describe, expect, it } from "vitest";
import { readSearch } from "../../src/core/search-request.ts";
import { wordData } from "../../src/core/word-data.ts";

const { language } = wordData();

describe("readSearch", () => {
  it("reads words, phrases and filters into one request", () => {
    expect(readSearch('vfio "live migration" speaker:williamson year:2012', language)).toEqual({
      kind: "search",
      request: {
        words: ["vfio"],
        phrases: ["live migration"],
        speakers: ["williamson"],
        events: [],
        topics: [],
        years: { from: 2012, to: 2012 },
        text: 'vfio "live migration" speaker:williamson year:2012',
      },
    });
  });

  it("refuses two different year: filters instead of dropping the first unsaid", () => {
    const message =
      "One year: filter at a time, please; a range covers several years: year:2011-2012.";
    expect(readSearch("year:2011 year:2012", language)).toEqual({
      kind: "usage",
      problem: "bad-year",
      message,
    });
    expect(readSearch("numa year:2012 year:2010-2011", language)).toEqual({
      kind: "usage",
      problem: "bad-year",
      message: message.replace("2011-2012", "2010-2012"),
    });
  });

  it("takes the same year said twice as one", () => {
    const read = readSearch("year:2012 numa year:2012", language);
    expect(read.kind === "search" && read.request.years).toEqual({ from: 2012, to: 2012 });
  });

  it("says when there is nothing to search for", () => {
    expect(readSearch('"" ,', language)).toEqual({
      kind: "usage",
      problem: "no-words",
      message: "That query has no words to search for.",
    });
  });

  it("marks a search that asks for recent talks, by chat-words.json `recency`", () => {
    const recent = (text: string) => {
      const read = readSearch(text, language);
      return read.kind === "search" ? read.request.recent === true : null;
    };
    expect(recent("latest talks on confidential computing")).toBe(true);
    expect(recent("What's new in Xen?")).toBe(true);
    expect(recent("any recent work on live migration")).toBe(true);
    // "new" alone names things; "latest" in a quoted phrase is what a title says.
    expect(recent("new virtio networking features")).toBe(false);
    expect(recent('"latest implementation" sev')).toBe(false);
    expect(readSearch("latest numa", language)).toEqual({
      kind: "search",
      request: {
        words: ["latest", "numa"],
        phrases: [],
        speakers: [],
        events: [],
        topics: [],
        years: null,
        text: "latest numa",
        recent: true,
      },
    });
  });
});
