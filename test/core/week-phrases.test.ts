// The conference-week commands said in words.
import { describe, expect, it } from "vitest";
import { weekCommandText } from "../../src/core/week-phrases.ts";

describe("weekCommandText", () => {
  it("turns the conference-week questions into their commands", () => {
    const cases: [string, string][] = [
      ["what's on now?", "now"],
      ["whats on", "now"],
      ["happening right now", "now"],
      ["what's next", "next"],
      ["what is coming up next?", "next"],
      ["what's on today", "schedule today"],
      ["what's on Monday?", "schedule monday"],
      // The day words are data/chat-words.json `days`, the week command's too.
      ["what's happening tomorrow", "schedule tomorrow"],
      ["what's happening this afternoon", "schedule today"],
      ["what's on tonight", "schedule tonight"],
      ["on this night", "schedule today"],
      ["anything new?", "new"],
      ["any new talks", "new"],
      ["latest talks", "new"],
      ["schedule for tomorrow", "schedule tomorrow"],
      ["schedule on Monday vfio", "schedule Monday vfio"],
    ];
    for (const [text, command] of cases) expect(weekCommandText(text), text).toBe(command);
  });

  it("leaves searches alone", () => {
    for (const text of ["running", "on", "next generation virtio", "schedule for numa", "new vfio"])
      expect(weekCommandText(text), text).toBe(text);
  });
});
