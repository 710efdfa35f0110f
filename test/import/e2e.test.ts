// End to end: talks imported from every format, loaded from CATALOG_DIRS and put in use the
// way a reload does (library.replace), found through the real Slack adapter (signed
// requests into the Bolt App) and the real Matrix adapter (against the fake homeserver),
// and served by both as the talk of the day.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type Catalog, loadCatalog } from "../../src/core/catalog.ts";
import type { Talk } from "../../src/core/talk.ts";
import { addDays, talkOfTheDay } from "../../src/totd/today.ts";
import { fixture, importInto, tempDir } from "../support/import-helpers.ts";
import {
  alice,
  Harness as MatrixHarness,
  realLibrary,
  replyTo,
} from "../support/matrix-harness.ts";
import {
  allStrings,
  answerOf,
  nextResponseId,
  type Harness as SlackHarness,
  startHarness,
  testLibrary,
} from "../support/slack-harness.ts";

const TODAY = new Date().toISOString().slice(0, 10);
const MEMFD = "guest_memfd and huge pages: where we are";

/** The import day that makes an imported talk the talk of the day today (deterministic). */
function importDayForToday(catalog: Catalog): { day: string; talk: Talk } {
  for (let k = 1; k <= 400; k++) {
    const joined = addDays(TODAY, 1 - k);
    const talks = catalog.talks.map((t) => (t.added ? { ...t, added: joined } : t));
    const talk = talkOfTheDay(talks, TODAY);
    if (talk.added) return { day: addDays(TODAY, -k), talk };
  }
  throw new Error("no import day makes an imported talk today's");
}

let slack: SlackHarness;
let matrix: MatrixHarness;
let room = "";
let catalog: Catalog;
let todays: Talk;
/**
 * The libraries' catalogs before this file: the shared libraries outlive a test file (the
 * default suite runs files one after another in the same worker), so the imported catalog
 * left in them made later files' searches find other talks than the built-in catalog's.
 */
let before: { slack: Catalog; matrix: Catalog } | undefined;

beforeAll(async () => {
  const probe = tempDir();
  const sources = async (dir: string, now?: Date) => {
    const more = now ? { now } : {};
    await importInto(dir, [fixture("kvm-forum-2026.json")], more);
    await importInto(dir, [fixture("fosdem-2026.xml")], { ...more, track: /virtualization/iu });
    await importInto(dir, [fixture("lpc-2026-contributions.json")], more);
    await importInto(dir, [fixture("kvm-forum-2014.ics")], more);
  };
  await sources(probe);
  const { day, talk } = importDayForToday(loadCatalog(undefined, [probe]));
  const dir = tempDir();
  await sources(dir, new Date(`${day}T12:00:00Z`));
  catalog = loadCatalog(undefined, [dir]);
  todays = talk;
  before = { slack: testLibrary().current().catalog, matrix: realLibrary().current().catalog };

  slack = await startHarness();
  matrix = await MatrixHarness.create();
  room = matrix.hs.createRoom({ members: [alice] });
  await matrix.start();
}, 60_000);

// What a reload does: the libraries both harnesses answer from take the new catalog; each
// test starts from it (the hostile test replaces it, in whatever order the tests run).
beforeEach(() => useCatalog(catalog));

afterAll(async () => {
  await slack?.close();
  await matrix?.close();
  if (before) {
    testLibrary().replace(before.slack);
    realLibrary().replace(before.matrix);
  }
});

/** Puts `next` in use in both libraries (an index build each: only when it is not already). */
function useCatalog(next: Catalog): void {
  for (const library of [testLibrary(), realLibrary()])
    if (library.current().catalog !== next) library.replace(next);
}

async function askSlack(text: string): Promise<string> {
  const seen = slack.observed.length;
  const res = await slack.command(text, { responseId: nextResponseId() });
  const answer = answerOf(res);
  await vi.waitFor(() => expect(slack.observed.length).toBeGreaterThan(seen));
  return allStrings(answer.body).join("\n");
}

async function askMatrix(text: string): Promise<string> {
  const asked = matrix.hs.message(room, alice, `!virt ${text}`);
  await matrix.hs.until(() => matrix.hs.sent.some((s) => replyTo(s) === asked), "the reply");
  const reply = matrix.hs.sent.find((s) => replyTo(s) === asked)!;
  // The plain body on the first line (newlines folded), the HTML after it.
  return `${String(reply.content.body).replace(/\n/g, " ")}\n${reply.content.formatted_body}`;
}

describe("imported talks through the real adapters", () => {
  it("the catalog holds the built-in and the imported talks", () => {
    expect(catalog.talks.filter((t) => t.added !== null)).toHaveLength(3 + 4 + 3 + 2);
    expect(todays.added).not.toBeNull();
  });

  it("Slack /virt finds an imported talk by its abstract, with event, track and talk page", async () => {
    const text = await askSlack("guest_memfd huge pages");
    expect(text).toContain(MEMFD);
    expect(text).toContain("Nadia Haddad · KVM Forum 2026 · Memory and CPU");
    expect(text).toContain("https://pretalx.example.org/kvm-forum-2026/talk/QX7RTA/");
  });

  it("Matrix finds imported talks by speaker: and event: filters", async () => {
    const bySpeaker = await askMatrix("speaker:okafor");
    expect(bySpeaker).toContain("Testing nested virtualization in CI");
    const byEvent = await askMatrix("event:fosdem numa");
    expect(byEvent).toContain("NUMA-aware placement for KubeVirt virtual machines");
    expect(byEvent).toContain("FOSDEM 2026 · Virtualization and Cloud Infrastructure");
  });

  it("an imported talk is the talk of the day on both platforms", async () => {
    const onSlack = await askSlack("today");
    const onMatrix = await askMatrix("today");
    expect(onSlack).toContain(todays.title);
    expect(onMatrix).toContain(todays.title);
  });

  it("hostile text from a schedule stays inert on both platforms", async () => {
    const dir = tempDir();
    await importInto(dir, [fixture("hostile.xml")]);
    const withHostile = loadCatalog(undefined, [dir]);
    useCatalog(withHostile);
    const onSlack = await askSlack("kvm exits explained");
    const onMatrix = await askMatrix("kvm exits explained");
    for (const text of [onSlack, onMatrix]) {
      expect(text).toContain("KVM exits explained");
      expect(text).not.toMatch(/<script|javascript:|onerror/i);
    }
    // The speaker's "<@U123> @channel" is text: escaped in Slack mrkdwn and Matrix HTML
    // (the Matrix plain-text body may show it as typed), and it pings nobody.
    expect(onSlack).toContain("&lt;@U123&gt;");
    expect(onSlack).not.toContain("<@U123>");
    const html = onMatrix.split("\n").slice(1).join("\n");
    expect(html).toContain("&lt;@U123&gt;");
    expect(html).not.toMatch(/<@U123>|<img/);
    matrix.expectClean();
  });
});
