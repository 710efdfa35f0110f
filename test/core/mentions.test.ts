// Mentions of people in a question are whom it speaks to, not what it asks about.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCommand, parseMessage } from "../../src/core/grammar.ts";
import { dropMentions } from "../../src/core/mentions.ts";

describe("dropMentions", () => {
  it("drops Matrix user ids and the cc before them", () => {
    expect(dropMentions("vfio cc @alice:matrix.org")).toBe("vfio");
    expect(dropMentions("numa /cc @bob:hs @carol:example.org:8448")).toBe("numa");
    expect(dropMentions("hey @alice:hs, look: numa")).toBe("hey look: numa");
    expect(dropMentions("fyi @alice:hs vfio talks?")).toBe("vfio talks?");
  });

  it("leaves any other text as it was", () => {
    expect(dropMentions("numa  hugepages")).toBe("numa  hugepages");
    expect(dropMentions("mail me@example.org about numa")).toBe("mail me@example.org about numa");
    expect(dropMentions("@virt-talks numa")).toBe("@virt-talks numa");
    expect(dropMentions("speaker:@bob")).toBe("speaker:@bob");
  });
});

describe("the grammar with mentions in a question", () => {
  it("searches, thanks or runs a command as if the mention were not there", () => {
    expect(parseCommand("vfio cc @alice:matrix.org")).toMatchObject({
      kind: "search",
      request: { words: ["vfio"], text: "vfio" },
    });
    expect(parseCommand("thanks @alice:hs!")).toEqual({ kind: "small-talk", intent: "thanks" });
    expect(parseCommand("more @alice:hs")).toEqual({ kind: "more" });
    expect(parseCommand("@alice:hs watch vfio")).toEqual({ kind: "watch", query: "vfio" });
  });
});

describe("a message's mentions are dropped once", () => {
  it("parseMessage gives the message as read, for a second look to read again", () => {
    expect(parseMessage("thnak you cc @alice:matrix.org")).toEqual({
      text: "thnak you",
      command: { kind: "search", request: expect.objectContaining({ text: "thnak you" }) },
    });
    expect(parseMessage("numa")).toEqual({
      text: "numa",
      command: expect.objectContaining({ kind: "search" }),
    });
  });

  it("is done in src/core only where a message enters the grammar (parseMessage, parseCoreCommand)", () => {
    const core = join(import.meta.dirname, "../../src/core");
    const calls = readdirSync(core, { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".ts") && f !== "mentions.ts")
      .flatMap((f) => {
        const n = readFileSync(join(core, f), "utf8").match(/\bdropMentions\(/g)?.length ?? 0;
        return n ? [`${f}: ${n}`] : [];
      });
    expect(calls).toEqual(["grammar.ts: 2"]);
  });
});
