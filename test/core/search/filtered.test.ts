// A topic: filter alone lists the talks carrying the topic most strongly first (its words
// in the title, then the topics, then the abstract), and of those alike, the talks about
// VMs first: the topic list is the bot's field. Invented talks.
import { describe, expect, it } from "vitest";
import { fosdemOthers, fosdemTalk, ranked } from "./broad-fixture.ts";

const tagged = (id: string, title: string, words: string, year: number) => ({
  ...fosdemTalk(id, title, words),
  topics: ["live-migration"],
  year,
});

describe("a topic: filter alone", () => {
  const talks = [
    ...fosdemOthers("databases and web frameworks"),
    tagged("containers", "Live migration", "checkpoint and restore of containers", 2024),
    tagged("vms", "Live migration", "moving a running guest between hosts with qemu", 2011),
    tagged("loose", "Storage pools", "a note on migration of data", 2025),
  ];

  it("puts the talks carrying it about VMs before those about other things, then the loosely tagged", () => {
    expect(ranked(talks, "topic:live-migration")).toEqual(["vms", "containers", "loose"]);
  });
});
