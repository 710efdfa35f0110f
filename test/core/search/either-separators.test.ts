// Alternatives said with a lone "/" ("hugepages / numa") or as a comma list ending in "or"
// ("hugepages, numa or pinning") are read like "or" (either.ts, search-request.ts).
import { describe, expect, it } from "vitest";
import { createSearchEngine } from "../../../src/core/search/engine.ts";
import { afterJoiner, joinedAlternatives } from "../../../src/core/search/query/either.ts";
import { rawWords } from "../../../src/core/search/query/tokenize.ts";
import { searchRequest } from "../../support/search.ts";
import { otherTalks, ranked, talk } from "./broad-fixture.ts";

const talks = [
  ...otherTalks("databases web frameworks network bad"),
  talk("vhost", "vhost-net internals", "vhost-net in the kernel"),
  talk("dpdk", "DPDK packet processing", "dpdk poll mode drivers"),
  talk("dpdk2", "DPDK in the cloud", "dpdk at scale"),
  talk("dpdk3", "Fast DPDK apps", "dpdk tuning"),
  talk("xdp", "XDP programs", "xdp in drivers"),
  talk("both", "vhost-net or DPDK?", "vhost-net and dpdk compared"),
];

describe("alternatives said without 'or' between them", () => {
  it("a lone slash between words reads as 'or'", () => {
    expect(searchRequest("hugepages / numa").words).toEqual(["hugepages", "or", "numa"]);
    expect(searchRequest("a / ").words).toEqual(["a"]);
    expect(ranked(talks, "is there a talk on vhost-net / dpdk?")).toEqual(
      ranked(talks, "is there a talk on vhost-net or dpdk?"),
    );
    expect(ranked(talks, "is there a talk on vhost-net / dpdk?")).toEqual([
      "both",
      "vhost",
      "dpdk2",
      "dpdk3",
      "dpdk",
    ]);
  });

  it("every item of a comma list ending in 'or' is an alternative", () => {
    const said = (text: string) => afterJoiner(joinedAlternatives(text, rawWords(text)));
    expect(said("xdp, vhost-net or dpdk")).toEqual([false, true, true]);
    expect(said("xdp, vhost-net, dpdk or rdma")).toEqual([false, true, true, true]);
    // Without an "or" a comma joins nothing; nor does one before a longer item.
    expect(said("xdp, vhost-net dpdk")).toEqual([false, false, false]);
    expect(said("tuning xdp, vhost-net or dpdk")).toEqual([false, false, true, true]);
    const engine = createSearchEngine({ talks });
    const listed = engine.search(searchRequest("any talk on xdp, vhost-net or dpdk?"), 10);
    expect(listed.hits.map((h) => h.talk.id)).toEqual([
      "both",
      "xdp",
      "vhost",
      "dpdk2",
      "dpdk3",
      "dpdk",
    ]);
  });
});
