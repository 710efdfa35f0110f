// Long chat questions on a broad catalog: what the question is about is a word talks are
// named by, not the rarest plain word around it; a word the catalog lacks or a lay term's
// shared route does not decide it; and a talk answering the heart of a rambling question
// is accepted. Small invented catalogs, exact expected rankings.
import { describe, expect, it } from "vitest";
import { parseCommand } from "../../../src/core/grammar.ts";
import { createSearchEngine } from "../../../src/core/search/engine.ts";
import { indexTerms } from "../../../src/core/search/query/tokenize.ts";
import type { Talk } from "../../../src/core/talk.ts";
import { searchRequest } from "../../support/search.ts";
import { otherTalks, ranked, talk } from "./broad-fixture.ts";

/** As the bot asks (answer.ts): the search, then its looser retry when it finds nothing. */
function answered(talks: readonly Talk[], query: string): string[] {
  const engine = createSearchEngine({ talks });
  const request = searchRequest(query);
  const strict = engine.search(request, 10).hits;
  const hits = strict.length > 0 ? strict : engine.search({ ...request, loose: true }, 10).hits;
  return hits.map((h) => h.talk.id);
}

/** What talks of a whole conference say: the everyday words of the questions below. */
const others = otherTalks("databases web frameworks vms manage scripts board");

describe("the subject of a long question", () => {
  it("is libvirt, not the rare plain word 'bunch' beside it", () => {
    const talks = [
      ...others,
      talk("libvirt", "Scripting libvirt with Python", "libvirt bindings drive vms"),
      talk("libvirt2", "libvirt internals", "libvirt daemon"),
      talk("bunch", "Ironic bare metal", "a bunch of servers managed with scripts"),
      talk("bunch2", "Home automation", "a bunch of sensors"),
      talk("bunch3", "Mail servers", "a bunch of mail"),
    ];
    // A question set among VMs is on topic: a libvirt talk that says nothing of scripts answers.
    expect(ranked(talks, "how do I manage a bunch of VMs with libvirt from scripts")).toEqual([
      "libvirt",
      "libvirt2",
    ]);
  });

  it("does not hang on a word the catalog lacks, beside several it has", () => {
    const talks = [
      ...otherTalks("evaluating certification"),
      talk("xenarm", "Xen on ARM for cars", "xen automotive safety"),
      talk("xen", "Xen scheduling", "xen credit scheduler"),
      talk("car", "Car infotainment with Linux", "automotive safety certification"),
    ];
    const question =
      "we're evaluating xen for an automotive ECU, any talks on dom0less or safety certification?";
    // Safety certification without Xen is a fair second: a long question need not match
    // any one word, only enough of it.
    expect(ranked(talks, question)).toEqual(["xenarm", "car"]);
    // A short question of a word the catalog lacks still finds nothing.
    expect(ranked(talks, "dom0less for cars")).toEqual([]);
  });
});

describe("a rambling question", () => {
  it("is a search, not a refusal, and finds the talk on its heart", () => {
    const question =
      "so we run a bunch of openstack compute nodes with kvm and ceph rbd disks and guest disk io " +
      "is terrible compared to bare metal, is there any talk explaning the qemu block layer, " +
      "iothreads or io_uring that could help";
    // The setting of the question is what many talks of a cloud conference say.
    const cloud = otherTalks("openstack compute nodes kvm ceph rbd disks guest io bare metal");
    const talks = [
      ...cloud,
      talk("iothreads", "QEMU iothreads and io_uring", "qemu block layer iothreads io_uring"),
      talk("qemu", "QEMU for beginners", "qemu command line"),
    ];
    expect(parseCommand(question).kind).toBe("search");
    expect(answered(talks, question)).toEqual(["iothreads"]);
  });

  it("still answers a short everyday question with nothing", () => {
    const talks = [...others, talk("bread", "Sensors at home", "a bread recipe with a sourdough")];
    expect(ranked(talks, "how do I fix a flat bike tyre on the weekend")).toEqual([]);
  });
});

describe("contractions", () => {
  it("leave no word behind: we're, doesn't and you've ask for nothing", () => {
    expect(indexTerms("we're sure it doesn't, you've said so we'll see", [])).toEqual([
      "sure",
      "said",
      "so",
      "see",
    ]);
  });
});

describe("a question outside the domain", () => {
  it("keeps its rarest word as the subject even when it names no talk", () => {
    // "recipe" names a talk and "sourdough" none; without the domain's vocabulary or its
    // setting, the question is still about sourdough, and a passing mention is no answer.
    const talks = [
      ...others,
      talk("ci", "Recipes for CI pipelines", "build recipe"),
      talk("nose", "An electronic nose", "a sensor to smell a sourdough bread starter recipe"),
      talk("bread", "Bread boards for hardware hacking", "wiring"),
    ];
    expect(answered(talks, "best sourdough bread recipe")).toEqual([]);
  });
});
