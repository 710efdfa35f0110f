// A link pasted alone finds the talks that carry it: the same address, a page the talk's
// link lies under, or the same page name elsewhere on the site.
import { describe, expect, it } from "vitest";
import { createCore } from "../../src/core/answer.ts";
import { buildIndex } from "../../src/core/search/index/build.ts";
import { pastedAddress, talksLinkedFrom } from "../../src/core/search/linked.ts";
import { catalogOf, talkWith } from "../support/talks.ts";

const firecracker = talkWith({
  id: "fc",
  title: "Firecracker microVMs",
  links: [
    { kind: "video", url: "https://video.example.org/2021/D.virt/vai_firecracker.webm" },
    {
      kind: "slides",
      url: "https://example.org/2021/schedule/event/vai_firecracker/attachments/slides.pdf",
    },
  ],
});
const kubevirt = talkWith({
  id: "kv",
  title: "KubeVirt at scale",
  links: [{ kind: "slides", url: "https://www.example.org/2021/kubevirt.pdf" }],
});
const event = talkWith({
  id: "ev",
  title: "Keynote",
  links: [{ kind: "event", url: "https://example.org/2021" }],
});
/** Four talks of 2022, each with its schedule page: their folder is the year's index. */
const year2022 = ["b1", "b2", "b3", "b4"].map((id) =>
  talkWith({
    id,
    title: `Talk ${id}`,
    links: [{ kind: "page", url: `https://example.org/2022/schedule/event/${id}` }],
  }),
);
const spec = talkWith({
  id: "spec",
  title: "The VIRTIO specification",
  links: [{ kind: "page", url: "https://example.org/tc_home.php?wg=virtio" }],
});
const hotplug = talkWith({
  id: "hp",
  title: "Memory hotplug",
  links: [{ kind: "slides", url: "https://example.org/2021/schedule/event/hotplug/slides.pdf" }],
});
const talks = [event, firecracker, kubevirt, ...year2022, spec, hotplug];
const core = createCore({ timeZone: "UTC", catalog: catalogOf(talks) });
const index = buildIndex(talks);
const ids = (address: string) => talksLinkedFrom(address, index).map((d) => talks[d]!.id);

describe("a pasted link", () => {
  it("is one address alone, in Slack's <…> or not", () => {
    expect(pastedAddress(["https://example.org/x"])).toBe("https://example.org/x");
    expect(pastedAddress(["<https://example.org/x>"])).toBe("https://example.org/x");
    expect(pastedAddress(["see", "https://example.org/x"])).toBeNull();
    expect(pastedAddress(["numa"])).toBeNull();
    expect(pastedAddress(["ftp://example.org/x"])).toBeNull();
  });

  it("finds the talk with that link, under it, or with the same page name on the site", () => {
    // The same address, whatever the scheme, "www." or a trailing slash.
    expect(ids("http://example.org/2021/kubevirt.pdf/")).toEqual(["kv"]);
    // The schedule page the slides are attached under; the video named like the page.
    expect(ids("https://example.org/2021/schedule/event/vai_firecracker/")).toEqual(["fc"]);
    expect(ids("https://example.org/2022/other/vai_firecracker")).toEqual(["fc"]);
    // A talk with that very link: only it, not every talk whose links lie under it.
    expect(ids("https://example.org/2021/")).toEqual(["ev"]);
    // A page with more than three talks under it is an index, no talk's page.
    expect(ids("https://example.org/2022/schedule")).toEqual([]);
    expect(ids("https://example.org/2022/schedule/event/b1")).toEqual(["b1"]);
    // Another site, a short page name, or a name that differs only by its query: not it.
    expect(ids("https://other.net/vai_firecracker")).toEqual([]);
    expect(ids("https://example.org/x/slides")).toEqual([]);
    expect(ids("https://example.org/tc_home.php?wg=xen")).toEqual([]);
    expect(ids("https://example.org/tc_home.php?wg=virtio")).toEqual(["spec"]);
  });

  it("answers with those talks, or says no talk has it instead of searching its words", () => {
    const card = core.answer("https://example.org/2021/schedule/event/vai_firecracker/");
    expect(card).toMatchObject({
      kind: "results",
      heading: "The talk with that link",
      total: 1,
      offset: 0,
    });
    expect(card.kind === "results" && card.hits.map((h) => h.card.title)).toEqual([
      "Firecracker microVMs",
    ]);
    expect(core.answer("https://example.org/2021/schedule/event", { offset: 1 })).toMatchObject({
      kind: "results",
      heading: "Talks with that link",
      total: 2,
      offset: 1,
    });
    expect(core.answer("https://example.org/2021/keynote-firecracker")).toEqual({
      kind: "no-results",
      query: "https://example.org/2021/keynote-firecracker",
      why: "No talk in the catalog has that link; try the talk's title or speaker.",
      suggestions: [],
      speakers: [],
    });
    // With other words it is a search as before.
    expect(core.answer("firecracker https://example.org/nothing")).not.toHaveProperty("why");
  });
});
