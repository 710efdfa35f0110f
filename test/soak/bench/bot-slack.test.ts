// bench:bot times a Slack answer from the ack body when the ack carries the message, and
// from the response_url POST otherwise: which ack bodies count as the answer.
import { describe, expect, it } from "vitest";
import { ackAnswer } from "../../../bench/bot/slack.ts";
import { slowDownMessage } from "../../../src/core/rate-limit.ts";

describe("ackAnswer", () => {
  it("takes an empty ack (Bolt's ack()) as no answer: it comes through the response_url", () => {
    expect(ackAnswer("")).toEqual({ answer: false });
    expect(ackAnswer("  \n")).toEqual({ answer: false });
  });

  it("takes a JSON message with blocks or text as the answer", () => {
    const blocks = JSON.stringify({ blocks: [{ type: "divider" }] });
    expect(ackAnswer(blocks)).toEqual({ answer: true, bad: null });
    const text = JSON.stringify({ response_type: "ephemeral", text: "Talks for numa" });
    expect(ackAnswer(text)).toEqual({ answer: true, bad: null });
  });

  it("takes a body without a message (not JSON, empty text and blocks) as no answer", () => {
    expect(ackAnswer("OK")).toEqual({ answer: false });
    expect(ackAnswer(JSON.stringify({ text: "", blocks: [] }))).toEqual({ answer: false });
    expect(ackAnswer("null")).toEqual({ answer: false });
  });

  it("marks a slow-down answer in the ack as not a proper answer", () => {
    const body = JSON.stringify({ text: slowDownMessage(2_000) });
    expect(ackAnswer(body)).toEqual({ answer: true, bad: "rate-limited by the bot" });
  });
});
