// The help and the usage line as Slack messages, worded for the surface they are shown on.
import { describe, expect, it } from "vitest";
import type { HELP } from "../../../src/core/help.ts";
import { renderHelp, renderUsage } from "../../../src/render/slack/help.ts";

const mrkdwn = (text: string) => ({ type: "mrkdwn", text });

describe("slack help", () => {
  it("says how to see the syntax where the refused query was typed", () => {
    expect(renderUsage("Unknown year 3000.", "mention")).toEqual({
      text: "Unknown year 3000. Type @virt-talks help for the query syntax.",
      blocks: [
        { type: "section", text: mrkdwn(":warning: Unknown year 3000.") },
        { type: "context", elements: [mrkdwn("Type `@virt-talks help` for the query syntax.")] },
      ],
    });
    expect(renderUsage("Unknown year 3000.", "command").text).toBe(
      "Unknown year 3000. Type /virt help for the query syntax.",
    );
  });

  it("lists the commands and examples, and where else the bot answers", () => {
    const help = {
      intro: "I find talks.",
      commands: [{ syntax: "numa", description: "talks on a topic" }],
      examples: ["kvm"],
    } as unknown as typeof HELP; // HELP is typed with its literal intro
    expect(renderHelp(help, "dm")).toEqual({
      text: "I find talks. Try kvm.",
      blocks: [
        { type: "section", text: mrkdwn("I find talks.") },
        { type: "section", text: mrkdwn("`numa` — talks on a topic") },
        {
          type: "context",
          elements: [
            mrkdwn("Examples: `kvm`"),
            mrkdwn(
              "Just type a query here, e.g. `numa`. In a channel: `/virt numa` (only you see the answer) or mention me, `@virt-talks numa`.",
            ),
          ],
        },
      ],
    });
  });
});
