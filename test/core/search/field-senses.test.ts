// A field word in another field's sense (field-senses.ts): "my java VM" is a language
// runtime's, "virtual reality" no VM, SPICE beside "kicad" the circuit simulator. Such a
// word puts no question in the field, and a question whose field words are all read so is
// answered by no talk; the field's questions that say the same words stay answered.
import { describe, expect, it } from "vitest";
import { buildFieldSenses, otherSense } from "../../../src/core/search/field-senses.ts";
import type { Concept } from "../../../src/core/search/query/concept.ts";
import type { Talk } from "../../../src/core/talk.ts";
import { fosdemOthers, fosdemTalk, ranked } from "./broad-fixture.ts";

const senses = buildFieldSenses({
  senses: [
    { word: "vm", forms: ["virtual machine"], before: ["java lua"] },
    { word: "virtual", after: ["reality"] },
    { word: "spice", anywhere: ["kicad circuit"] },
  ],
});
const concepts = (...labels: string[]): Concept[] =>
  labels.map((label) => ({ label, alternatives: [], phrase: false }));

describe("otherSense", () => {
  it("reads a field word in the other sense by the word before it", () => {
    expect([...otherSense(concepts("java", "vm", "heap"), senses)]).toEqual([1]);
    expect([...otherSense(concepts("lua", "virtual machine"), senses)]).toEqual([1]);
    expect([...otherSense(concepts("vm", "java"), senses)]).toEqual([]);
    expect([...otherSense(concepts("java", "kvm", "vm"), senses)]).toEqual([]);
  });

  it("reads one by the word after it", () => {
    expect([...otherSense(concepts("virtual", "reality", "headset"), senses)]).toEqual([0]);
    expect([...otherSense(concepts("virtual", "desktops"), senses)]).toEqual([]);
  });

  it("reads one by any other word of the question", () => {
    expect([...otherSense(concepts("spice", "model", "op-amp", "kicad"), senses)]).toEqual([0]);
    expect([...otherSense(concepts("spice", "vnc", "remote", "desktops"), senses)]).toEqual([]);
  });

  it("leaves quoted phrases alone", () => {
    const quoted = concepts("java", "vm").map((c) => ({ ...c, phrase: true }));
    expect([...otherSense(quoted, senses)]).toEqual([]);
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
  });

  it("keeps the field's questions that say the same words", () => {
    expect(ranked(catalog, "running java workloads in kvm guests")[0]).toBe("kvm-java");
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
