// The second and third probe lists (fixtures/offtopic-probes-2.json, -3.json): the
// field's words in other fields' senses, or generic ones in their sentences, get no talk
// on a conference of many fields; the field's questions saying the same words stay answered. One invented catalog for the file: talks of other
// fields that say each probe's words (so a probe is turned away by its sense, not for want
// of a match), talks about VMs for the controls, and talks about other things.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createCore } from "../../../src/core/answer.ts";
import { searchFound } from "../../../src/core/found.ts";
import { createSearchEngine } from "../../../src/core/search/engine.ts";
import { wordData } from "../../../src/core/word-data.ts";
import { searchRequest } from "../../support/search.ts";
import { probeCatalog as catalog } from "./probe-catalog.ts";

type Probes = { offtopic: string[]; ontopic: string[] };
const list = (file: string) =>
  JSON.parse(readFileSync(new URL(`./fixtures/${file}`, import.meta.url), "utf8")) as Probes;
const probes = list("offtopic-probes-2.json");
/** The third list: generic field words in other fields' sentences (generic-words.ts). */
const third = list("offtopic-probes-3.json");

const core = createCore({ catalog, timeZone: "UTC", random: () => 0.5 });
/** The same catalog without field-senses.json: what the senses turn away. */
const unread = createSearchEngine(catalog, { ...wordData(), senses: undefined });
/** The same catalog with the senses but no generic words: what generic-words.ts turns away. */
const words = wordData();
const senses = words.senses && { ...words.senses, generic: new Set<string>() };
const noGeneric = createSearchEngine(catalog, { ...words, senses });

const answered = (q: string) => {
  const answer = core.answer(q, { pageSize: 5 });
  return answer.kind === "results" ? answer.hits.map((h) => h.card.id) : [];
};

describe("the second probe list, on a conference where VMs are a minority", () => {
  it("answers no off-topic probe", () => {
    expect(probes.offtopic.filter((q) => answered(q).length > 0)).toEqual([]);
  });

  it("turns away by a field word's sense what would otherwise be answered", () => {
    const first = (q: string) => searchFound(unread, searchRequest(q), 5).hits[0]?.talk.id;
    const matched = probes.offtopic.filter((q) => first(q) !== undefined);
    expect(matched.length).toBeGreaterThanOrEqual(30);
    expect(first("how does the virtual DOM in react actually work")).toBe("dom");
    expect(first("apache virtual host config for two domains")).toBe("vhost");
    expect(first("hosting a baby shower on a budget")).toBe("shower");
    expect(first("how do I set up a guest wifi network on my router")).toBe("wifi");
    expect(first("best kvm switch for two monitors and a laptop")).toBe("switch");
    expect(first("the dart vm snapshot makes flutter hot reload fast")).toBe("dart");
  });

  it("answers every control", () => {
    expect(probes.ontopic.filter((q) => answered(q).length === 0)).toEqual([]);
  });

  it("answers controls with the field's talk first", () => {
    expect(answered("virtual functions sr-iov")[0]).toBe("sriov");
    expect(answered("qemu emulator for arm boards")[0]).toBe("arm");
    expect(answered("terminal emulator in qemu")[0]).toBe("arm");
    expect(answered("ssh host keys in cloned vms")[0]).toBe("clones");
    expect(answered("memory ballooning in my homelab vms")[0]).toBe("balloon");
  });
});

describe("the third probe list: generic field words in other fields' sentences", () => {
  it("answers no off-topic probe", () => {
    expect(third.offtopic.filter((q) => answered(q).length > 0)).toEqual([]);
  });

  it("turns away by the generic words what would otherwise be answered", () => {
    const first = (q: string) => searchFound(noGeneric, searchRequest(q), 5).hits[0]?.talk.id;
    expect(third.offtopic.map(first).filter((id) => id !== undefined)).toEqual([
      "giftcard",
      "reception",
    ]);
  });

  it("answers every control", () => {
    expect(third.ontopic.filter((q) => answered(q).length === 0)).toEqual([]);
  });
});
