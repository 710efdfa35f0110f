// How a search finds people by name: however a name's apostrophe, hyphen or accents are
// typed, with a one-letter slip in a surname, as whole words only, and a question naming
// only a person answered with the talks that person gave. Invented names throughout.
import { describe, expect, it } from "vitest";
import { rawWords } from "../../../src/core/search/query/tokenize.ts";
import { otherTalks, ranked, talk } from "./broad-fixture.ts";

const others = otherTalks("kubernetes gpu containers");
const by = (id: string, title: string, speakers: string[], words = "") =>
  talk(id, title, words, { speakers });

describe("apostrophes, hyphens and accents in names", () => {
  const talks = [
    ...others,
    by("bios", "Rewriting the firmware in C", ["Kevin O'Connor"]),
    by("blocks", "Block layer news", ["Kevin Wolfe"]),
    by("pci", "PCI passthrough today", ["Jean-Philippe Dubois"]),
    by("sched", "Scheduler tuning", ["Jean Martin"]),
    by("tpm", "Virtual TPM in practice", ["Jörg Müller"]),
  ];

  it("joins an apostrophe after one letter, and leaves I'm, it's and don't alone", () => {
    const words = rawWords("O'Connor D’Arcy I'm it's don't").map((w) => [w.surface, w.parts]);
    expect(words).toEqual([
      ["oconnor", ["o", "connor"]],
      ["darcy", ["d", "arcy"]],
      ["i", []],
      ["m", []],
      ["it", []],
      ["s", []],
      ["don", []],
      ["t", []],
    ]);
  });

  it("finds O'Connor however the apostrophe is typed", () => {
    for (const q of [
      "Kevin OConnor",
      "kevin o'connor",
      "Kevin O’Connor",
      "kevin o connor",
      "oconnor",
    ])
      expect(ranked(talks, q), q).toEqual(["bios"]);
  });

  it("finds Jean-Philippe with or without the hyphen, and not another Jean", () => {
    for (const q of ["Jean-Philippe", "jean philippe", "jeanphilippe dubois"])
      expect(ranked(talks, q), q).toEqual(["pci"]);
    expect(ranked(talks, "jean")).toEqual(["pci", "sched"]);
  });

  it("finds Müller written with the umlaut, spelt out or left off", () => {
    for (const q of ["Jörg Müller", "joerg mueller", "jorg muller"])
      expect(ranked(talks, q), q).toEqual(["tpm"]);
  });
});

describe("a one-letter slip in a name", () => {
  const talks = [
    ...others,
    by("usb", "The USB subsystem", ["Gerd Hoffmann"]),
    // "hoffman" is a word of this catalog, so it is never corrected as a typo.
    by("codes", "Compression codes", ["Ann Lee"], "hoffman codes and entropy"),
    by("graphics", "Display devices", ["Gerd Keller"]),
  ];

  it("finds the person beside the other part of their name", () => {
    expect(ranked(talks, "gerd hoffman")).toEqual(["usb"]);
    // Two letters from "hoffmann", one from the word "hoffman" it is corrected to.
    expect(ranked(talks, "gerd hofman")).toEqual(["usb"]);
  });

  it("does not reach a near name without another part of it", () => {
    expect(ranked(talks, "hoffman")).toEqual(["codes"]);
  });
});

describe("a question naming only a person", () => {
  const talks = [
    ...others,
    by("keynote", "Keynote", ["Avi Kivity"], "state of kvm"),
    by("qos", "Network QoS for guests", ["Dhavai Giani"], "along the lines avi proposed"),
    by("overcommit", "Memory overcommit", ["Rik Riel"]),
    by("tmem", "Transcendent memory (lightning talk)", ["Dan Magen"], "complements rik's work"),
  ];

  it("answers with the talks the person gave, not those mentioning them", () => {
    expect(ranked(talks, "anything from Avi?")).toEqual(["keynote"]);
    expect(ranked(talks, "avi")).toEqual(["keynote"]);
  });

  it("never matches a name inside another word", () => {
    expect(ranked(talks, "dhav")).toEqual([]);
  });

  it("keeps mentions for a question about a subject", () => {
    expect(ranked(talks, "avi network qos")).toEqual(["qos"]);
  });

  it("reads talk, talks and talked as filler, not title words", () => {
    for (const q of ["what did Rik talk about", "what has Rik talked about", "talks by Rik"])
      expect(ranked(talks, q), q).toEqual(["overcommit"]);
  });
});
