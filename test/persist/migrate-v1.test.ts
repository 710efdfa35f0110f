// Upgrading STATE_DIR from the previous release: its totd.json and matrix/sync-state.json
// (shapes as src/totd/state.ts and src/adapters/matrix/sync-store.ts wrote them at
// c9181f9~1) are converted into the store's namespaces when the store opens, so a day
// already posted is not posted again and Matrix syncs on from its old token.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { SyncState } from "../../src/adapters/matrix/sync-state.ts";
import { convertMatrix, convertTotd, migrateStateV1 } from "../../src/persist/migrate-v1.ts";
import { openStateStore } from "../../src/persist/open-store.ts";
import { dayIsDone, openRecordBook } from "../../src/totd/records.ts";
import { brief, captureLogger, dailyPostSuite, tempDir } from "../support/totd-helpers.ts";

const dir = () => mkdtempSync(join(tmpdir(), "virt-talks-migrate-"));
const capture = () => {
  const { lines, logger } = captureLogger();
  return { lines, logger, said: () => lines.map((l) => l.msg) };
};

const posted = {
  lastPosted: "2026-12-05",
  settled: "2026-12-05",
  intent: null,
  lastError: null,
};
const inFlight = {
  lastPosted: "2026-12-04",
  settled: "2026-12-04",
  intent: {
    date: "2026-12-05",
    key: "totd:2026-12-05:slack:C0EXAMPLE",
    attempts: 1,
    inFlight: true,
    at: "2026-12-05T08:00:01.250Z",
  },
  lastError: "timeout",
};
/** The old daily-post file, as openTotdStore wrote it (two-space JSON). */
const OLD_TOTD = `${JSON.stringify(
  {
    version: 1,
    destinations: { "matrix:!room:example.org": posted, "slack:C0EXAMPLE": inFlight },
  },
  null,
  2,
)}\n`;

const OLD_SYNC = {
  version: 1,
  account: { homeserverUrl: "http://127.0.0.1:8008", userId: "@talks:example.org" },
  syncToken: "s72594_4483_1934",
  filter: { id: 7, filter: { presence: { types: [] } } },
  values: { "sdk-version": "0.7.1" },
  seenEventIds: ["$a:example.org", "$b:example.org"],
};

function plantOld(d: string, totd = OLD_TOTD, sync: unknown = OLD_SYNC) {
  writeFileSync(join(d, "totd.json"), totd);
  mkdirSync(join(d, "matrix"));
  writeFileSync(join(d, "matrix", "sync-state.json"), `${JSON.stringify(sync)}\n`);
}

const open = (d: string, logger = capture().logger) =>
  openStateStore({ stateDir: d, database: null, logger });

describe("converting the previous release's state", () => {
  it("turns old daily-post destinations into totd records, unchanged", () => {
    const converted = convertTotd(JSON.parse(OLD_TOTD));
    expect(converted).toEqual({
      entries: new Map([
        ["matrix:!room:example.org", { value: { ...posted, paused: null } }],
        ["slack:C0EXAMPLE", { value: { ...inFlight, paused: null } }],
      ]),
    });
  });

  it("turns the old Matrix file into matrix-sync entries (seen ids dropped)", () => {
    expect(convertMatrix(OLD_SYNC)).toEqual({
      entries: new Map([
        [
          "account",
          { value: '{"homeserverUrl":"http://127.0.0.1:8008","userId":"@talks:example.org"}' },
        ],
        ["token", { value: "s72594_4483_1934" }],
        ["filter", { value: '{"id":7,"filter":{"presence":{"types":[]}}}' }],
        ["value:sdk-version", { value: "0.7.1" }],
      ]),
    });
    const fresh = { ...OLD_SYNC, account: null, syncToken: null, filter: null, values: {} };
    expect(convertMatrix(fresh)).toEqual({ entries: new Map() });
  });

  it("names what it cannot convert", () => {
    const badDate = {
      version: 1,
      destinations: { "slack:C1": { ...posted, lastPosted: "5.12." } },
    };
    expect(convertTotd(badDate)).toEqual({
      problem: 'destination "slack:C1" is not a valid record',
    });
    expect(convertTotd({ destinations: [] })).toEqual({ problem: "destinations is not an object" });
    expect(convertMatrix({ ...OLD_SYNC, syncToken: 5 })).toEqual({
      problem: "syncToken is not a string",
    });
    expect(convertMatrix({ ...OLD_SYNC, values: { k: 1 } })).toEqual({
      problem: "values.k is not a string",
    });
    expect(convertMatrix({ ...OLD_SYNC, account: { userId: "@a:example.org" } })).toEqual({
      problem: "account is not {homeserverUrl, userId}",
    });
  });
});

describe("opening STATE_DIR left by the previous release", () => {
  it("keeps today's post as posted and the Matrix sync position, the old files beside", async () => {
    const d = dir();
    plantOld(d);
    const { lines, logger, said } = capture();
    const opened = await open(d, logger);
    const book = await openRecordBook(opened.store);
    expect(book.recovered).toBe(false);
    expect(book.get("matrix:!room:example.org")).toEqual({ ...posted, paused: null });
    expect(dayIsDone(book.get("matrix:!room:example.org"), "2026-12-05")).toBe(true);
    expect(book.get("slack:C0EXAMPLE")).toEqual({ ...inFlight, paused: null });

    const sync = await SyncState.open(opened.store, logger);
    await sync.bindAccount("http://127.0.0.1:8008", "@talks:example.org");
    expect(sync.getSyncToken()).toBe("s72594_4483_1934");
    expect(sync.filterId()).toBe(7);
    expect(await sync.readValue("sdk-version")).toBe("0.7.1");
    await opened.close();

    expect(readFileSync(join(d, "totd.json.v1"), "utf8")).toBe(OLD_TOTD);
    expect(JSON.parse(readFileSync(join(d, "matrix", "sync-state.json.v1"), "utf8"))).toEqual(
      OLD_SYNC,
    );
    expect(existsSync(join(d, "matrix", "sync-state.json"))).toBe(false);
    expect(lines.filter((l) => l.msg === "converted the previous release's state file")).toEqual([
      expect.objectContaining({
        file: join(d, "totd.json"),
        to: join(d, "totd.json"),
        entries: 2,
        keptAs: join(d, "totd.json.v1"),
      }),
      expect.objectContaining({
        file: join(d, "matrix", "sync-state.json"),
        to: join(d, "matrix-sync.json"),
        entries: 4,
        keptAs: join(d, "matrix", "sync-state.json.v1"),
      }),
    ]);
    expect(said()).not.toContain("state file is unreadable; starting empty");
  });

  it("converts once: the next start finds new files and leaves them", async () => {
    const d = dir();
    plantOld(d);
    await (await open(d)).close();
    const after = readFileSync(join(d, "totd.json"), "utf8");
    const { said, logger } = capture();
    await (await open(d, logger)).close();
    expect(readFileSync(join(d, "totd.json"), "utf8")).toBe(after);
    expect(said()).toEqual(["state store: files"]);
  });

  it("leaves an old Matrix file alone when the namespace already exists", async () => {
    const d = dir();
    plantOld(d);
    const newer = `${JSON.stringify({ version: 1, entries: { token: { value: "newer" } } })}\n`;
    writeFileSync(join(d, "matrix-sync.json"), newer);
    await (await open(d)).close();
    expect(readFileSync(join(d, "matrix-sync.json"), "utf8")).toBe(newer);
    expect(existsSync(join(d, "matrix", "sync-state.json"))).toBe(true);
  });

  it("leaves a file it cannot convert whole as it is, naming file and record", async () => {
    const d = dir();
    const bad = `${JSON.stringify({ version: 1, destinations: { "slack:C1": { lastPosted: 3 } } })}\n`;
    plantOld(d, bad);
    const { lines, logger } = capture();
    await (await open(d, logger)).close();
    expect(readFileSync(join(d, "totd.json"), "utf8")).toBe(bad);
    expect(existsSync(join(d, "totd.json.v1"))).toBe(false);
    expect(lines[0]).toMatchObject({
      level: 50,
      msg: "previous release's state file cannot be converted; leaving it as it is",
      file: join(d, "totd.json"),
      problem: 'destination "slack:C1" is not a valid record',
    });
  });
});

describe("the daily post after an upgrade on the day's post (issue 18)", () => {
  const { start } = dailyPostSuite({ abandon: true });
  const ROOM = "!room:example.org";
  const today = { lastPosted: "2026-05-04", settled: "2026-05-04", intent: null, lastError: null };
  const oldTotd = `${JSON.stringify({
    version: 1,
    destinations: { "slack:C1": today, [`matrix:${ROOM}`]: today },
  })}\n`;

  async function upgradeAfterThePost(convert: boolean) {
    vi.useFakeTimers({ now: new Date("2026-05-04T12:00:00Z") }); // 14:00 in Berlin, post at 09:00
    const dir = tempDir();
    writeFileSync(join(dir, "totd.json"), oldTotd);
    if (convert) await migrateStateV1(dir, capture().logger);
    const h = start(dir, { fileStore: true });
    await h.daily.idle();
    return h;
  }

  it("posts nothing again: both records say today was posted", async () => {
    const h = await upgradeAfterThePost(true);
    expect(await h.recovered()).toBe(false);
    expect(h.slack.attempts).toEqual([]);
    expect(h.slack.lookups).toEqual([]);
    expect(h.matrix.posts).toEqual([]);
    expect(brief(h.daily)).toEqual({
      "slack:C1": { lastPosted: "2026-05-04" },
      [`matrix:${ROOM}`]: { lastPosted: "2026-05-04" },
    });
  });

  it("without the conversion the old file was set aside and the room got the talk again", async () => {
    const h = await upgradeAfterThePost(false);
    expect(await h.recovered()).toBe(true);
    expect(h.matrix.posts.map((p) => p.key)).toEqual([`totd:2026-05-04:matrix:${ROOM}`]);
  });
});
