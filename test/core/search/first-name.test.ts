// A first name several speakers share: the talks of those in the field (a talk of theirs
// carries the VM setting, setting.ts) come first; the others still answer, after them.
import { describe, expect, it } from "vitest";
import type { Talk } from "../../../src/core/talk.ts";
import { ranked, talk } from "./broad-fixture.ts";

const fosdem = (year: number) => ({
  event: `FOSDEM ${year}`,
  eventShort: `FOSDEM ${year}`,
  eventId: `fosdem-${year}`,
  year,
});

const others = Array.from({ length: 20 }, (_, i) =>
  talk(`other-${i}`, `Databases and web frameworks part ${i}`, "databases", fosdem(2020)),
);

const talks: Talk[] = [
  ...others,
  talk("editor", "A code editor in the cloud", "javascript", {
    speakers: ["Rok Arendsen"],
    ...fosdem(2024),
  }),
  talk("memory", "Memory overcommit", "how the guest gives memory back", {
    speakers: ["Rok van Rijn"],
    ...fosdem(2012),
  }),
  talk("memory-2", "Scheduler latency", "scheduling", {
    speakers: ["Rok van Rijn"],
    ...fosdem(2013),
  }),
];

describe("a first name several speakers share", () => {
  it("lists the talks of the speaker in the field first, never only them", () => {
    expect(ranked(talks, "what did rok talk about")).toEqual(["memory-2", "memory", "editor"]);
    expect(ranked(talks, "talks by rok")).toEqual(["memory-2", "memory", "editor"]);
    expect(ranked(talks, "speaker:rok")).toEqual(["memory-2", "memory", "editor"]);
  });
});
