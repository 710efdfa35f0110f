// In keywords, a word of the VM setting ("xen", "qemu") beside the subject it is set in
// tells at most a share of what the subject does (concept-information.ts): by rarity alone
// the hypervisor's name was the subject, and a talk named by it outranked the one on the
// subject asked. It still must match, as it did when it led.
import { describe, expect, it } from "vitest";
import { fosdemOthers, ranked, fosdemTalk as talk } from "./broad-fixture.ts";

/** Xen is a little rarer here than scheduling: one Linux scheduler talk, two on Xen. */
const talks = [
  ...fosdemOthers("databases kubernetes"),
  talk("xen-arm", "Xen on ARM boards", "booting xen on boards, with a word on its scheduler"),
  talk("xen-sched", "A fair vCPU scheduler", "the credit scheduler of xen, measured"),
  talk("linux", "Linux scheduler tuning", "cfs latency"),
];

describe("a setting word beside the subject of keywords", () => {
  it("ranks the talk named by the subject first; the setting word still must match", () => {
    // (Before: xen-arm first, as xen was the rarer word.)
    expect(ranked(talks, "xen scheduler")).toEqual(["xen-sched", "xen-arm"]);
  });

  it("leaves a setting word a little commoner than the subject as it was: not required", () => {
    // Three talks say xen, two say scheduler (one of them no xen): xen never led here.
    const commoner = [
      ...talks,
      talk("xen-boot", "Booting Xen faster", "xen boot time"),
      talk("xen-net", "Xen network drivers", "netfront and netback in xen"),
    ];
    expect(ranked(commoner, "xen scheduler")).toEqual(["xen-sched", "xen-arm", "linux"]);
  });

  it("leaves a setting word alone, or a project named with it, as it was", () => {
    expect(ranked(talks, "xen")).toEqual(["xen-arm", "xen-sched"]);
  });
});
