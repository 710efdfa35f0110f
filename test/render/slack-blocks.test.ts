// Our Block Kit subset is what Slack's own types accept: checked by tsc (npm test runs it),
// so src/render never imports the SDK.
import type { types } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { type Block, context, divider, section } from "../../src/render/slack/blocks.ts";

/** Compiles only while every Block we build is a Block Kit block Slack's types accept. */
const asKnown = (block: Block): types.KnownBlock => block;

describe("Block Kit subset", () => {
  it("builds blocks of Slack's own types", () => {
    const blocks = [section("a"), context("b"), divider()].map(asKnown);
    expect(blocks.map((b) => b.type)).toEqual(["section", "context", "divider"]);
  });
});
