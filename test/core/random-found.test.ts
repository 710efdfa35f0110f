// "random numa": a random talk among those the search finds for the words, through the
// turn as chat users get it; words that find nothing are answered as a search that did.
import { describe, expect, it } from "vitest";
import { createLibrary } from "../../src/core/library.ts";
import { createTurn } from "../../src/core/turn.ts";
import { catalogOf, talkWith } from "../support/talks.ts";

const catalog = catalogOf([
  talkWith({ id: "numa-1", title: "Virtualizing NUMA" }),
  talkWith({ id: "numa-2", title: "NUMA balancing for guests" }),
  talkWith({ id: "virtio", title: "Virtio rings" }),
]);

const turnWith = (random: number) =>
  createTurn({
    library: createLibrary({ catalog, timeZone: "UTC", random: () => random }),
  });
const ask = (text: string) => ({
  platform: "console" as const,
  conversation: "c",
  user: "u",
  text,
});

describe("random with words", () => {
  it("picks among the talks the words find, headed with them", async () => {
    const card = async (random: number, text: string) => {
      const { reply } = await turnWith(random).handle(ask(text));
      return reply?.kind === "talk" ? [reply.card.id, reply.card.heading] : reply?.kind;
    };
    expect(await card(0, "random numa")).toEqual(["numa-1", "Random talk · numa"]);
    expect(await card(0.99, "random numa")).toEqual(["numa-2", "Random talk · numa"]);
    expect(await card(0.99, "random")).toEqual(["virtio", "Random talk"]);
  });

  it("says no talk was found when the words find none", async () => {
    const { reply } = await turnWith(0).handle(ask("random zzqx"));
    expect(reply).toMatchObject({ kind: "no-results", query: "zzqx" });
  });
});
