import { describe, expect, it } from "vitest";
import { createCore } from "../../../../src/core/answer.ts";
import { loadCatalog } from "../../../../src/core/catalog.ts";
import { compileQuery } from "../../../../src/core/search/query/compile.ts";
import { searchIds, searchRequest } from "../../../support/search.ts";

const core = createCore({ catalog: loadCatalog(), timeZone: "UTC" });
const { synonyms, language } = core.engine.words;

const compiled = (query: string) =>
  compileQuery(searchRequest(query), core.engine.index, synonyms, language);
const labels = (query: string) => compiled(query).concepts.map((c) => c.label);
const ids = (query: string, limit = 5) => searchIds(core, query, limit);

describe("queries as people type them", () => {
  it("drops question words and chat filler", () => {
    expect(labels("what did arcangeli talk about")).toEqual(["arcangeli"]);
    expect(labels("who presented on vfio at plumbers?")).toEqual(["vfio", "plumbers"]);
    expect(labels("I'm looking for slides on post-copy")).toEqual(["postcopy"]);
    expect(labels("could you show me something about numa please")).toEqual(["numa"]);
    expect(labels("what is that")).toEqual([]);
    expect(labels("who talkd about vfio")).toEqual(["vfio"]); // misspelt filler is filler
  });

  it("finds a speaker by first name, surname, full name and possessive", () => {
    const arcangeli = ["lpc-2012-autonuma", "kvm-forum-2011-future-of-mm"];
    for (const q of ["what did arcangeli talk about", "andrea arcangeli", "arcangeli's talks"])
      expect(ids(q).slice(0, 2).sort(), q).toEqual([...arcangeli].sort());
    expect(ids("talks by andrea").slice(0, 2).sort()).toEqual([...arcangeli].sort());
    expect(ids("kevin's talk on seabios")[0]).toBe("lpc-2010-seabios");
  });

  it("matches names with or without diacritics, without calling it a typo", () => {
    const decomposed = "jo\u0308rg";
    for (const q of ["jörg", "joerg", decomposed, "Jörg Rödel", "talks by joerg roedel"]) {
      expect(ids(q, 3), q).toContain("lpc-2010-nested-svm");
      expect(compiled(q).corrections, q).toEqual([]);
    }
  });

  it("keeps a filler word that is part of a full name", () => {
    expect(labels("he qing")).toEqual(["he", "qing"]);
    expect(ids("he qing")[0]).toBe("xen-summit-asia-2009-nested-virtualization");
  });

  it("leads everyday words to the jargon (data/lay-terms.json)", () => {
    expect(ids("giving memory back")[0]).toBe("lpc-2012-unified-balloon");
    expect(ids("how do I give back memory from a vm")).toContain("lpc-2012-unified-balloon");
    expect(ids("the device model")[0]).toBe("kvm-forum-2011-qdev");
    expect(ids("giving the guest memory back")[0]).toBe("lpc-2012-unified-balloon");
    expect(ids("running a vm inside a vm")).toEqual(
      expect.arrayContaining(["lpc-2010-nested-svm", "xen-summit-asia-2009-nested-virtualization"]),
    );
  });

  it("does not require a word most of the catalog holds", () => {
    expect(labels("gpu virtualization")).toEqual(["gpu", "virtualization"]);
    const hits = core.engine.search(searchRequest("gpu virtualization"), 5).hits;
    // The talk about graphics assignment says nothing of virtualization: it tells little here.
    expect(hits.map((h) => [h.talk.id, h.matched])).toEqual([
      ["kvm-forum-2011-graphics-assignment", ["gpu"]],
      ["xen-summit-asia-2009-graphics-passthrough-vt-d", ["gpu", "virtualization"]],
      ["kvm-forum-2011-spice", ["gpu", "virtualization"]],
      ["lpc-2012-vfio", ["gpu", "virtualization"]],
    ]);
  });

  it("corrects toward catalog words, never from or (when short) into everyday words", () => {
    // Straight to the compiler: the grammar answers these alone as small talk.
    for (const q of ["hello", "thanks", "thank you", "good morning", "paris", "morning"]) {
      const { concepts, corrections } = compileQuery(
        { words: q.split(" "), phrases: [] },
        core.engine.index,
        synonyms,
        language,
      );
      expect(corrections, q).toEqual([]);
      expect(
        concepts.flatMap((c) => c.alternatives.map((a) => a.terms.join(" "))),
        q,
      ).not.toContain("held");
    }
    expect(ids("paris")).toEqual([]);
    expect(compiled("migraton").corrections).toEqual(["migraton → migration"]);
    expect(compiled("balon driver").corrections).toEqual(["balon → balloon"]);
    expect(ids("what's the weather in paris")).toEqual([]);
  });

  it("on a second try, leaves out everyday words beside jargon that name no talk", () => {
    const request = searchRequest("numa for big guests");
    const strict = compileQuery(request, core.engine.index, synonyms, language);
    const loose = compileQuery({ ...request, loose: true }, core.engine.index, synonyms, language);
    expect(strict.concepts.map((c) => c.label)).toEqual(["numa", "big", "guests"]);
    expect(loose.concepts.map((c) => c.label)).toEqual(["numa", "guests"]);
    const paris = compileQuery(
      { ...searchRequest("weather in paris"), loose: true },
      core.engine.index,
      synonyms,
      language,
    );
    expect(paris.concepts).toEqual([]); // no jargon to stand beside
  });

  it("joins two words the catalog writes as one", () => {
    expect(ids("smart os")).toEqual(["kvm-forum-2011-smartos"]);
  });

  it("takes an event's name as one thing asked for", () => {
    expect(labels("talks at kvm forum 2011 about memory")).toEqual(["kvm forum 2011", "memory"]);
    const first = ids("talks at kvm forum 2011 about memory", 2);
    // Memory talks of that event: its words count as one concept, worth its most telling word.
    expect(first).toEqual(["kvm-forum-2011-tmem", "kvm-forum-2011-memory-overcommit"]);
  });

  it("answers questions made only of everyday words with nothing", () => {
    for (const q of [
      "what time is it",
      "what's her name",
      "can they help me",
      "tell me a joke",
      "how is the weather",
    ])
      expect(ids(q), q).toEqual([]);
    // ...unless a keyword names a talk, or it is a speaker's name.
    expect(ids("weather")).toEqual(["kvm-weather-report-2012"]);
    expect(ids("song")).toEqual(["xen-summit-asia-2009-server-consolidation-utility"]);
    expect(ids("security of virtual machines")[0]).toBe("lpc-2012-virt-security");
  });
});
