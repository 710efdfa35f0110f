// The daily post with 10,000 destinations on a fake clock (the default suite runs 400):
// exactly one post per destination per local day, at its time, on one timer.
import { describe, expect, it } from "vitest";
import { dailyPostSuite } from "../support/totd-helpers.ts";
import { runMany } from "../support/totd-scale.ts";

const { start } = dailyPostSuite({ timeZone: "UTC" });

describe("the daily post with 10,000 destinations", () => {
  it("posts each exactly once per local day at its time, across a DST change", async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
    process.on("warning", onWarning);
    try {
      await runMany(start, 10_000, new Date("2026-10-23T18:00:00Z"), 3);
    } finally {
      process.off("warning", onWarning);
    }
    expect(warnings).toEqual([]);
  });
});
