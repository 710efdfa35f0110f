// Which claims are adopted when the watch claims were lost: per room, the talks of the
// catalog before the loss that any of its watches accepts, each with the recordings and
// slides it already has; talks not in that catalog (a sync's news) stay unclaimed.
import { describe, expect, it } from "vitest";
import type { Talk } from "../../src/core/talk.ts";
import { claimsToAdopt } from "../../src/watch/lost-claims.ts";
import type { WatchRecord } from "../../src/watch/watches.ts";
import { talkWith } from "../support/talks.ts";

const link = (kind: Talk["links"][number]["kind"]) =>
  ({ kind, url: `https://example.org/${kind}` }) as Talk["links"][number];
const by = { byUser: "U1", by: "<@U1>", at: "2026-11-29T12:00:00.000Z" };

describe("claimsToAdopt", () => {
  it("claims the matching talks of the baseline, with their media, once per room", () => {
    const baseline = [
      talkWith({ id: "a", links: [link("video"), link("slides"), link("video")] }),
      talkWith({ id: "b" }),
      talkWith({ id: "c" }),
    ];
    const watches: WatchRecord[] = [
      {
        platform: "slack",
        destination: "C1",
        watches: [
          { query: "x", ...by },
          { query: "y", ...by },
        ],
      },
      { platform: "matrix", destination: "!r:example.org", watches: [{ query: "z", ...by }] },
    ];
    // "new" is in the current catalog, not the baseline: a sync's news stays unclaimed.
    const accepted = (query: string) =>
      ({ x: ["a", "new"], y: ["a", "b"], z: ["new"] })[query] ?? null;
    expect(claimsToAdopt(watches, baseline, accepted)).toEqual([
      {
        platform: "slack",
        destination: "C1",
        items: [
          { talk: "a", why: "new" },
          { talk: "a", why: "video" },
          { talk: "a", why: "slides" },
          { talk: "b", why: "new" },
        ],
      },
    ]);
  });
});
