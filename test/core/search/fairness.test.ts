// Two kinds of records in one catalog (issue 19, item 7): curated talks have a short
// summary, key points and chosen topics; imported ones a long abstract, no key points and
// rule-derived topics. A curated talk must come first only when it earns it: the talk
// named for the question wins whichever kind it is, and a word said once in passing does
// not carry either kind past the other.
import { describe, expect, it } from "vitest";
import { createSearchEngine } from "../../../src/core/search/engine.ts";
import type { Talk } from "../../../src/core/talk.ts";
import { searchRequest } from "../../support/search.ts";
import { talkWith } from "../../support/talks.ts";
import { ranked } from "./broad-fixture.ts";

const PROSE =
  "The speakers walk through the design, the trade-offs they made along the way, how the " +
  "project is tested in continuous integration, and what the community plans for the " +
  "next releases, with time at the end for questions from the audience. ";

/** An imported talk: a long abstract holding `words`, no key points, no summary of our own. */
function imported(id: string, title: string, words: string, topics: string[] = []): Talk {
  const description = `${PROSE}${words} ${PROSE.repeat(2)}`;
  return talkWith({
    id,
    title,
    summary: description.slice(0, 200),
    description,
    topics,
    source: {
      format: "frab-xml",
      origin: "test.xml",
      key: id,
      importedAt: "2026-01-01T00:00:00.000Z",
    },
  });
}

/** A curated talk: two sentences of summary, key points and topics. */
function curated(id: string, title: string, keyPoints: string[], topics: string[]): Talk {
  return talkWith({
    id,
    title,
    summary: "A short summary in our own words. It names what the talk is about.",
    keyPoints,
    topics,
  });
}

/** A broad conference around the talks under test. */
const others = Array.from({ length: 30 }, (_, i) =>
  imported(`other-${i}`, `Web frameworks part ${i}`, "databases and queues"),
);

describe("curated and imported talks side by side", () => {
  it("puts the imported talk named for the question before a curated one that mentions it once", () => {
    const talks = [
      ...others,
      curated(
        "curated-mention",
        "Securing KVM hosts",
        ["SELinux labels for guests", "Ballooning as a side channel", "Auditing qemu", "sVirt"],
        ["security", "kvm"],
      ),
      imported(
        "imported-title",
        "Memory ballooning for virtual machines",
        "Ballooning returns guest memory to the host; the balloon driver inflates on demand.",
        ["ballooning"],
      ),
    ];
    expect(ranked(talks, "ballooning")).toEqual(["imported-title", "curated-mention"]);
  });

  it("puts the curated talk named for the question before an imported one that mentions it once", () => {
    const talks = [
      ...others,
      imported(
        "imported-mention",
        "Operating a private cloud",
        "Among many other features the platform supports memory ballooning.",
      ),
      curated(
        "curated-title",
        "Ballooning in practice",
        ["The balloon driver", "Free page reporting", "Ballooning and overcommit"],
        ["ballooning", "memory-overcommit"],
      ),
    ];
    expect(ranked(talks, "ballooning")).toEqual(["curated-title", "imported-mention"]);
  });

  it("ranks the same talk the same whichever kind its record is, within a small margin", () => {
    const words = "Live migration moves a running guest between hosts with little downtime.";
    const a = imported("as-imported", "Live migration in QEMU", words, ["live-migration"]);
    const b = curated(
      "as-curated",
      "Live migration in QEMU",
      [words, "Pre-copy and post-copy", "Dirty page tracking"],
      ["live-migration"],
    );
    const engine = createSearchEngine({ talks: [...others, a, b] });
    const hits = engine.search(searchRequest("live migration"), 10).hits;
    const score = (id: string) => hits.find((h) => h.talk.id === id)!.score;
    expect(hits.map((h) => h.talk.id).sort()).toEqual(["as-curated", "as-imported"]);
    // Key points add evidence, so the curated record may lead, but not by a landslide.
    expect(score("as-curated") / score("as-imported")).toBeLessThan(1.25);
    expect(score("as-curated") / score("as-imported")).toBeGreaterThan(1 / 1.25);
  });
});
