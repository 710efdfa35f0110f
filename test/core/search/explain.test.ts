import { describe, expect, it } from "vitest";
import { createSearchEngine } from "../../../src/core/search/engine.ts";
import { explainSearch } from "../../../src/core/search/explain.ts";
import { searchRequest } from "../../support/search.ts";
import { talkWith } from "../../support/talks.ts";
import { otherTalks, talk } from "./broad-fixture.ts";

const talks = [
  talkWith({
    id: "balloon",
    title: "Balloon drivers",
    summary: "The balloon gives guest memory back.",
  }),
  talkWith({
    id: "numa",
    title: "NUMA for guests",
    summary: "Placing guest memory near its CPUs.",
  }),
  talkWith({ id: "net", title: "Virtio networking", summary: "Faster guest networking." }),
];

describe("explainSearch", () => {
  it("names the event and year a sentence said as filters", () => {
    const engine = createSearchEngine({ talks });
    const request = searchRequest("numa talks at kvm forum 2012");
    const ids = engine.search(request, 5).hits.map((h) => h.talk.id);
    expect(ids).toEqual(["numa"]);
    expect(explainSearch(engine, request, ids).split("\n").slice(0, 2)).toEqual([
      'Query "numa talks at kvm forum 2012"',
      '  said as filters: event:"kvm forum" year:2012',
    ]);
  });

  it("names the concepts, the words dropped, and what each matched word added where", () => {
    const engine = createSearchEngine({ talks });
    const request = searchRequest("how do I give back memory from the guest");
    const ids = engine.search(request, 5).hits.map((h) => h.talk.id);
    expect(ids).toEqual(["balloon"]);
    const text = explainSearch(engine, request, ids);
    expect(text.split("\n")).toEqual([
      'Query "how do I give back memory from the guest"',
      '  dropped "how": a stop word',
      '  dropped "do": a stop word',
      '  dropped "i": a stop word',
      '  dropped "from": a stop word',
      '  dropped "the": a stop word',
      expect.stringMatching(
        /^ {2}concept "give back memory": information [\d.]+, required; give_back_memori@1 give\+back\+memori@0\.5 balloon@0\.9 /,
      ),
      expect.stringMatching(
        /^ {2}concept "guest": information [\d.]+, weighted ×[\d.]+ beside the rarest concept; vm@0\.7 .*guest@1$/,
      ),
      expect.stringMatching(/^ {2}a talk must match [\d.]+ of [\d.]+ \(information\)$/),
      "Balloon drivers (2012)",
      expect.stringMatching(
        /^ {2}"give back memory" as balloon: \+[\d.]+ before coverage, proximity and title \(title 1×, summary 1×\)$/,
      ),
      expect.stringMatching(
        /^ {2}"guest" as guest: \+[\d.]+ before coverage, proximity and title \(summary 1×\)$/,
      ),
      "  the title names 79% of the question: score ×1.396",
    ]);
  });

  it("says a link pasted alone was looked up, not searched", () => {
    const url = "https://example.org/2021/dirty-ring/slides.pdf";
    const ring = talkWith({
      id: "ring",
      title: "Dirty ring",
      links: [{ kind: "slides", url }],
    });
    const engine = createSearchEngine({ talks: [...talks, ring] });
    const request = searchRequest(url);
    expect(engine.search(request, 5).hits.map((h) => h.talk.id)).toEqual(["ring"]);
    expect(explainSearch(engine, request, ["ring"]).split("\n")).toEqual([
      `Query ${JSON.stringify(url)}`,
      "  a link pasted alone: the 1 talk(s) carrying it, no words searched",
    ]);
  });

  it("says a question without the field's words is not answered in passing, and what it turned away", () => {
    const nose = talk(
      "nose",
      "An artificial nose for IoT devices",
      "we baked sourdough bread from a recipe",
    );
    const engine = createSearchEngine({ talks: [...otherTalks("databases web frameworks"), nose] });
    const request = searchRequest("best sourdough bread recipe");
    expect(engine.search(request, 5).hits).toEqual([]);
    expect(explainSearch(engine, request, []).split("\n").at(-1)).toBe(
      "  no word of the field: a talk that says it only in its abstract does not answer; 1 matching talk turned away by it",
    );
  });

  it("says a sentence without the field's words needs a strong match", () => {
    const city = talk("city", "Sensors for a smart city", "counting free parking spaces");
    const engine = createSearchEngine({ talks: [...otherTalks("databases"), city] });
    const request = searchRequest("how do I get a parking permit in my city");
    expect(engine.search(request, 5).hits).toEqual([]);
    expect(explainSearch(engine, request, []).split("\n").at(-1)).toBe(
      "  a sentence without the field's words: only a strong match answers (two of its words in a title, topics or names, a name that is no everyday word, or every word)",
    );
  });
});
