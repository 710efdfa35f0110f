// A field word in another field's sense (field-senses.ts): "my java VM" is a language
// runtime's, "virtual reality" no VM, SPICE beside "kicad" the circuit simulator. Such a
// word puts no question in the field, and a question whose field words are all read so is
// answered by no talk; the field's questions that say the same words stay answered.
import { describe, expect, it } from "vitest";
import { createSearchEngine } from "../../../src/core/search/engine.ts";
import { explainSearch } from "../../../src/core/search/explain.ts";
import { buildFieldSenses, otherSense } from "../../../src/core/search/field-senses.ts";
import type { Concept } from "../../../src/core/search/query/concept.ts";
import type { Talk } from "../../../src/core/talk.ts";
import { searchRequest } from "../../support/search.ts";
import { fosdemOthers, fosdemTalk, ranked } from "./broad-fixture.ts";

const senses = buildFieldSenses({
  senses: [
    { word: "vm", forms: ["virtual machine"], before: ["java lua"] },
    { word: "virtual", after: ["reality"] },
    { word: "spice", anywhere: ["kicad circuit"] },
  ],
  others: ["jvm virtualenv"],
});
const concepts = (...labels: string[]): Concept[] =>
  labels.map((label) => ({ label, alternatives: [], phrase: false }));
/** The senses read in a question whose concepts are `labels`, typed as `text`. */
const read = (text: string, ...labels: string[]) => [
  ...otherSense(concepts(...labels), text.split(" "), senses),
];

describe("otherSense", () => {
  it("reads a field word in the other sense by the word before it", () => {
    expect(read("my Java VM's heap", "java", "vm", "heap")).toEqual([1]);
    expect(read("the lua virtual machine", "lua", "virtual machine")).toEqual([1]);
    expect(read("a vm for java", "vm", "java")).toEqual([]);
    expect(read("java in vms", "java", "vms")).toEqual([]);
    expect(read("java kvm vm", "java", "kvm", "vm")).toEqual([]);
  });

  it("reads one by the word after it", () => {
    expect(read("virtual reality headset", "virtual", "reality", "headset")).toEqual([0]);
    expect(read("virtual desktops", "virtual", "desktops")).toEqual([]);
  });

  it("reads one by any other word of the question", () => {
    expect(read("spice model in kicad", "spice", "model", "kicad")).toEqual([0]);
    expect(read("spice vs vnc remote desktops", "spice", "vnc", "remote", "desktops")).toEqual([]);
  });

  it("reads another field's own words so wherever they stand", () => {
    expect(read("tune the jvm collector", "tune", "jvm", "collector")).toEqual([1]);
  });

  it("leaves quoted phrases alone", () => {
    const quoted = concepts("java", "vm").map((c) => ({ ...c, phrase: true }));
    expect([...otherSense(quoted, ["java", "vm"], senses)]).toEqual([]);
  });
});

// A conference of many fields, where a few talks are about VMs.
const others = fosdemOthers("databases web frameworks");
const jvm = fosdemTalk("jvm", "Java VM heap tuning", "garbage collection flags of the java vm");
const kvmJava = fosdemTalk("kvm-java", "Java workloads in KVM guests", "a guest vm runs java");
const simulator = fosdemTalk("sim", "SPICE simulation in KiCad", "an op-amp model and circuits");
const display = fosdemTalk("display", "SPICE remote display", "desktops of virtual machines");
const headset = fosdemTalk("vr", "Virtual reality headsets", "open drivers for games");
const catalog: Talk[] = [...others, jvm, kvmJava, simulator, display, headset];

describe("a question whose field words are all another field's", () => {
  it("is answered by no talk", () => {
    expect(ranked(catalog, "my java vm keeps running out of heap, which gc flags")).toEqual([]);
    expect(ranked(catalog, "best spice model for an op-amp in kicad")).toEqual([]);
    expect(ranked(catalog, "best virtual reality headset for games")).toEqual([]);
    expect(ranked(catalog, "spice simulation")).toEqual([]);
    expect(ranked(catalog, "tuning the jvm garbage collection flags for low latency")).toEqual([]);
  });

  it("is explained so", () => {
    const engine = createSearchEngine({ talks: catalog });
    const text = explainSearch(engine, searchRequest("java vm heap tuning"), []);
    expect(text.split("\n").filter((l) => l.includes("another field"))).toEqual([
      "  its field words are read in another field's sense (field-senses.json): answered by no talk; 1 matching talk turned away by it",
    ]);
  });

  it("keeps the field's questions that say the same words", () => {
    expect(ranked(catalog, "running java workloads in kvm guests")[0]).toBe("kvm-java");
    expect(ranked(catalog, "java in vms").sort()).toEqual(["jvm", "kvm-java"]);
    expect(ranked(catalog, "spice remote display for virtual machines")[0]).toBe("display");
  });
});

describe("a sentence without the field's words, where VMs are a minority of the catalog", () => {
  it("is not answered by a talk of another field, however well named", () => {
    const press = fosdemTalk("press", "WordPress at scale", "themes set up for blogs");
    expect(ranked([...catalog, press], "how do I set up wordpress themes for my blog")).toEqual([]);
  });

  it("is answered by a talk that carries the setting", () => {
    const press = fosdemTalk(
      "press",
      "WordPress at scale",
      "themes set up for blogs on a hypervisor",
    );
    expect(ranked([...catalog, press], "how do I set up wordpress themes for my blog")).toEqual([
      "press",
    ]);
  });
});

describe("a sentence stating no VM setting, where VMs are a minority of the catalog", () => {
  const compose = fosdemTalk("compose", "Docker compose for web apps", "an nginx reverse proxy");
  const q = "how do I put an nginx reverse proxy in docker compose";

  it("is another field's question when no talk matching it carries the setting", () => {
    expect(ranked([...catalog, compose], q)).toEqual([]);
  });

  it("is answered when one does, by every talk that matches", () => {
    const guest = fosdemTalk(
      "guest",
      "Docker in a guest",
      "docker compose and an nginx reverse proxy",
    );
    expect(ranked([...catalog, compose, guest], q).sort()).toEqual(["compose", "guest"]);
  });
});
