// The daily post's records on the real file store: round trip, records written before
// pausing existed, a namespace of the wrong shape (recovered), a write that fails (the
// record in force stays). A writer killed with SIGKILL mid-write (never torn) is in
// test/soak/totd-records-kill.test.ts: it spawns processes.
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createFileStore, namespaceFile } from "../../src/persist/file-store.ts";
import {
  type DestinationRecord,
  dayIsDone,
  EMPTY_RECORD,
  openRecordBook,
  postedOn,
  validateRecord,
} from "../../src/totd/records.ts";
import { captureLogger, removeTempDirs, tempDir } from "../support/totd-helpers.ts";

afterEach(removeTempDirs);

const tmpFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith(".tmp"));

const posted: DestinationRecord = {
  lastPosted: "2026-05-04",
  settled: "2026-05-04",
  intent: null,
  lastError: null,
  paused: null,
};

const book = (dir: string) => {
  const { logger, lines } = captureLogger();
  return { lines, open: () => openRecordBook(createFileStore({ dir, logger })) };
};

describe("daily-post records", () => {
  it("round-trip through the file store (STATE_DIR/totd.json)", async () => {
    const dir = join(tempDir(), "nested");
    const first = await book(dir).open();
    expect(first.get("slack:C1")).toEqual(EMPTY_RECORD);
    await first.put("slack:C1", posted);
    await first.put("matrix:!r:x", { ...posted, paused: { since: "t", reason: "M_FORBIDDEN" } });
    expect(tmpFiles(dir)).toEqual([]);

    const again = await book(dir).open();
    expect(again.recovered).toBe(false);
    expect(again.get("slack:C1")).toEqual(posted);
    expect(again.get("matrix:!r:x").paused).toEqual({ since: "t", reason: "M_FORBIDDEN" });
    expect(existsSync(namespaceFile(dir, "totd"))).toBe(true);
  });

  it("accepts records written before pausing existed, and rejects a wrong field", () => {
    const { paused: _, ...old } = posted;
    expect(validateRecord(old)).toEqual(posted);
    expect(validateRecord({ ...posted, lastPosted: 7 })).toBeUndefined();
    expect(validateRecord({ ...posted, lastPosted: "04/05/2026" })).toBeUndefined();
  });

  it("a namespace of the wrong shape is moved aside, reported and recovered (empty)", async () => {
    const dir = tempDir();
    const entries = { "slack:C1": { value: { ...posted, lastPosted: 7 } } };
    writeFileSync(namespaceFile(dir, "totd"), JSON.stringify({ version: 1, entries }));
    const b = book(dir);
    const opened = await b.open();
    expect(opened.recovered).toBe(true);
    expect(opened.get("slack:C1")).toEqual(EMPTY_RECORD);
    expect(b.lines).toHaveLength(1);
    expect(readdirSync(dir).some((f) => f.startsWith("totd.json.corrupt-"))).toBe(true);
  });

  it("a failed write rejects and the record in force stays (memory follows the disk)", async () => {
    const dir = tempDir();
    const records = await book(dir).open();
    await records.put("slack:C1", posted);
    const file = namespaceFile(dir, "totd");
    rmSync(file);
    mkdirSync(join(file, "x"), { recursive: true }); // the rename now fails
    await expect(records.put("slack:C1", postedOn(posted, "2026-05-05"))).rejects.toThrow();
    expect(records.get("slack:C1")).toEqual(posted);
  });

  it("prune forgets unscheduled destinations whose last day is two or more days past", async () => {
    const records = await book(tempDir()).open();
    const on = (date: string) => postedOn(EMPTY_RECORD, date);
    await records.put("slack:GONE-OLD", on("2026-05-02"));
    await records.put("slack:GONE-YESTERDAY", on("2026-05-03")); // a re-subscribe may come
    await records.put("slack:KEPT-OLD", on("2026-04-01"));
    const inFlight = { date: "2026-05-01", key: "k", attempts: 1, inFlight: true, at: "t" };
    await records.put("slack:GONE-IN-FLIGHT", { ...EMPTY_RECORD, intent: inFlight });
    expect(await records.prune((id) => id.startsWith("slack:KEPT"), "2026-05-04")).toBe(1);
    expect(records.get("slack:GONE-OLD")).toEqual(EMPTY_RECORD);
    expect(records.get("slack:GONE-YESTERDAY").lastPosted).toBe("2026-05-03");
    expect(records.get("slack:KEPT-OLD").lastPosted).toBe("2026-04-01");
    expect(records.get("slack:GONE-IN-FLIGHT").intent).toEqual(inFlight);
  });

  it("a day is done once it or a later day was posted or settled", () => {
    expect(dayIsDone(posted, "2026-05-04")).toBe(true);
    expect(dayIsDone(posted, "2026-05-03")).toBe(true); // a zone moved back a day
    expect(dayIsDone(posted, "2026-05-05")).toBe(false);
    expect(dayIsDone(EMPTY_RECORD, "2026-05-05")).toBe(false);
  });
});
