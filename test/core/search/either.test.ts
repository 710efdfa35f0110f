// A question naming things as alternatives ("vhost-net or dpdk", "sev or tdx") is
// answered by talks on any one of them, ranked alike; a long question of the domain need
// not match its rarest word. Small invented catalogs, exact expected rankings.
import { describe, expect, it } from "vitest";
import { fosdemOthers, fosdemTalk, otherTalks, ranked, talk } from "./broad-fixture.ts";

const others = otherTalks("databases web frameworks network bad");

describe("alternatives said with 'or'", () => {
  const talks = [
    ...others,
    talk("vhost", "vhost-net internals", "vhost-net in the kernel"),
    talk("dpdk", "DPDK packet processing", "dpdk poll mode drivers"),
    talk("dpdk2", "DPDK in the cloud", "dpdk at scale"),
    talk("dpdk3", "Fast DPDK apps", "dpdk tuning"),
    talk("both", "vhost-net or DPDK?", "vhost-net and dpdk compared"),
  ];

  it("finds talks on either, the one on both first", () => {
    expect(ranked(talks, "is there a talk on vhost-net or dpdk?")).toEqual([
      "both",
      "vhost",
      "dpdk2",
      "dpdk3",
      "dpdk",
    ]);
  });

  it("without the 'or', the rarer word is the subject every answer must match", () => {
    expect(ranked(talks, "vhost-net dpdk")).toEqual(["both", "vhost"]);
  });

  it("an alternative the catalog lacks leaves the other as what is asked", () => {
    const safety = [
      ...fosdemOthers("databases web frameworks"),
      fosdemTalk("cert", "Safety certification of Linux", "safety certification"),
      fosdemTalk("safe", "Safe Rust", "safety"),
    ];
    // (A talk on safety alone holds too little of "safety certification".)
    expect(ranked(safety, "is there a talk on dom0less or safety certification?")).toEqual([
      "cert",
    ]);
    // Without the 'or', the word the catalog lacks is what a short question asks.
    expect(ranked(safety, "dom0less safety")).toEqual([]);
  });
});

describe("a long question of the domain", () => {
  it("is answered by talks matching enough of it, not only those with its rarest word", () => {
    const talks = [
      ...fosdemOthers("databases web frameworks evaluating device"),
      fosdemTalk("controller", "Motor controller firmware", "controller for a medical device"),
      fosdemTalk("xen", "Xen for safety-critical systems", "xen safety certification"),
      fosdemTalk("medical", "Medical imaging", "medical scans"),
      fosdemTalk("xen2", "Xen news", "xen"),
      fosdemTalk("xen3", "Xen and ARM", "xen"),
    ];
    const question =
      "we are evaluating xen for a medical device controller, any talks on safety certification?";
    expect(ranked(talks, question)).toEqual(["xen", "controller"]);
    // A short one still must match its rarest word.
    expect(ranked(talks, "xen controller")).toEqual([]);
    // And a long one whose subject is a word the catalog lacks finds nothing.
    expect(
      ranked(talks, "any talks on the zorblax quantum flux for xen safety certification?"),
    ).toEqual([]);
  });
});
