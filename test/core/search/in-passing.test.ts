// Mentioned in passing is not about (in-passing.ts): a question without a word of the field
// is not answered by a talk that matches it only in its abstract.
import { describe, expect, it } from "vitest";
import { createSearchEngine } from "../../../src/core/search/engine.ts";
import { searchRequest } from "../../support/search.ts";
import { otherTalks, ranked, talk } from "./broad-fixture.ts";

const others = otherTalks("databases web frameworks");
const nose = talk(
  "nose",
  "An artificial nose for IoT devices",
  "it started when we baked sourdough bread from a recipe",
);

describe("a question without the field's words", () => {
  it("is not answered by a talk that mentions its words only in the abstract", () => {
    expect(ranked([...others, nose], "best sourdough bread recipe")).toEqual([]);
  });

  it("is on topic in a catalog whose talks are named by it: mentions are leads there", () => {
    const titled = talk("titled", "Sourdough bread with sensors", "a recipe");
    const pointed = talk("pointed", "Fermentation monitoring", "a recipe", {
      keyPoints: ["Sourdough bread rises slower in winter"],
    });
    expect(ranked([...others, nose, pointed], "best sourdough bread recipe")).toEqual(["pointed"]);
    expect(ranked([...others, nose, titled, pointed], "best sourdough bread recipe")).toEqual([
      "titled",
      "nose",
      "pointed",
    ]);
  });

  it("is not answered through a typo correction into a talk's title", () => {
    // "tennis" is no catalog word; corrected to "tens", it would name the talk.
    const ten = talk(
      "ten",
      "Our office suite turns ten",
      "tens of people made the greatest release",
    );
    const question = "who is the greatest tennis player of all time";
    expect(ranked([...others, ten], question)).toEqual([]);
    // Nor by the bot's looser retry, which leaves out everyday words no talk is named by.
    const engine = createSearchEngine({ talks: [...others, ten] });
    expect(engine.search({ ...searchRequest(question), loose: true }, 5).hits).toEqual([]);
    // The word as typed in the title still names it.
    expect(ranked([...others, ten], "greatest office suite")).toEqual(["ten"]);
  });

  it("a single word typed still finds the mention (a lead, not a question)", () => {
    expect(ranked([...others, nose], "sourdough")).toEqual(["nose"]);
  });

  it("keeps every match when what it must match names a talk of the catalog", () => {
    const api = talk("api", "Deltacloud API", "rest api for clouds");
    const broker = talk("broker", "Cloud brokers", "we used the deltacloud api");
    expect(ranked([...others, api, broker], "deltacloud api")).toEqual(["api", "broker"]);
  });

  it("keeps every match when the question states its VM setting", () => {
    const vm = talk("vm", "Appliances", "a sourdough bread recipe inside a vm");
    expect(ranked([...others, vm], "sourdough bread recipe for my vm")).toEqual(["vm"]);
  });
});
