// Bad input: exit 1, one message naming the source (and the record where known), and no
// catalog file created or changed. URLs are served from 127.0.0.1.
import { readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runImport } from "../../src/import/import.ts";
import { ImportError } from "../../src/import/types.ts";
import { runCli } from "../support/cli-harness.ts";
import {
  fixture,
  importInto,
  NOW,
  readCatalogFile,
  snapshot,
  tempDir,
} from "../support/import-helpers.ts";

const BIG = 4096;
let server: Server;
let base = "";

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url?.split("?")[0] === "/schedule.json") {
      res.setHeader("content-type", "text/plain");
      res.end(JSON.stringify(JSON.parse(fixtureText("kvm-forum-2026.json"))));
    } else if (req.url === "/big") {
      res.setHeader("content-length", String(BIG * 2));
      res.end("x".repeat(BIG * 2));
    } else if (req.url === "/endless") {
      // No content-length: the limit must stop the download itself.
      res.write("<schedule>");
      const timer = setInterval(() => res.write("x".repeat(1024)), 1);
      res.on("close", () => clearInterval(timer));
    } else if (req.url === "/slow") {
      // never answers
    } else {
      res.statusCode = 404;
      res.end("not here");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

function fixtureText(name: string): string {
  return readFileSync(fixture(name), "utf8");
}

async function refused(
  sources: string[],
  more: Parameters<typeof importInto>[2] = {},
): Promise<string> {
  const dir = tempDir();
  const before = snapshot(dir);
  try {
    await importInto(dir, sources, more);
  } catch (err) {
    expect(err).toBeInstanceOf(ImportError);
    expect(snapshot(dir)).toEqual(before);
    return (err as Error).message;
  }
  throw new Error("expected the import to fail");
}

describe("import: bad input is refused, nothing written", () => {
  it("a truncated XML file names the line", async () => {
    const src = fixture("truncated.xml");
    expect(await refused([src])).toBe(
      `${src}: truncated XML: it ends at line 11, column 25 with <schedule>, <day>, <room>, <event>, <track> still open`,
    );
  });

  it("JSON that is no known schedule", async () => {
    const src = fixture("not-a-schedule.json");
    expect(await refused([src])).toBe(
      `${src}: JSON that is no known schedule format: expected frab/Pentabarf XML (<schedule>), c3voc schedule JSON ({schedule: {conference}}), an Indico export ({results}) or iCalendar (BEGIN:VCALENDAR)`,
    );
  });

  it("a talk with no title names the record", async () => {
    const src = fixture("no-title.json");
    expect(await refused([src])).toBe(
      `${src}: days[0].rooms["Room A"][1] (id 2): a talk with no title`,
    );
  });

  it("no talks left after --track", async () => {
    const src = fixture("fosdem-2026.xml");
    expect(await refused([src], { track: /kernel/iu })).toBe(
      `${src}: nothing to import: no talk's track matches --track kernel`,
    );
  });

  it("a bad second source stops the first from being written too", async () => {
    expect(await refused([fixture("kvm-forum-2026.json"), fixture("truncated.xml")])).toMatch(
      /truncated\.xml: truncated XML: it ends at line 11/,
    );
  });

  it("a missing file, an unsupported scheme", async () => {
    expect(await refused(["/nonexistent/schedule.xml"])).toMatch(
      /^\/nonexistent\/schedule\.xml: cannot read: ENOENT/,
    );
    expect(await refused(["ftp://127.0.0.1/x.xml"])).toBe(
      "ftp://127.0.0.1/x.xml: only http(s) URLs, file paths and - are supported",
    );
  });

  it("inputs over the size limit are refused (file, declared and streamed URL bodies)", async () => {
    const fetch = { maxBytes: BIG };
    expect(await refused([fixture("fosdem-2026.xml")], { fetch })).toMatch(
      /fosdem-2026\.xml: larger than 0 MB: refused$/,
    );
    expect(await refused([`${base}/big`], { fetch })).toBe(
      `${base}/big: larger than 0 MB: refused`,
    );
    expect(await refused([`${base}/endless`], { fetch })).toBe(
      `${base}/endless: larger than 0 MB: refused`,
    );
  });

  it("unreachable, slow and failing URLs", async () => {
    expect(await refused([`${base}/missing`])).toBe(
      `${base}/missing: the server answered HTTP 404`,
    );
    expect(await refused([`${base}/slow`], { fetch: { timeoutMs: 200 } })).toBe(
      `${base}/slow: unreachable: no answer within 0.2 s`,
    );
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    expect(await refused([`http://127.0.0.1:${port}/x.json`])).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:${port}/x\\.json: unreachable: .*ECONNREFUSED`),
    );
  });

  it("the CLI exits 1 with one message and 'Nothing was written.'", async () => {
    const dir = tempDir();
    const r = await runCli(["import", fixture("no-title.json"), "--out", dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `virt-talks: import: ${fixture("no-title.json")}: days[0].rooms["Room A"][1] (id 2): a talk with no title\nNothing was written.\n`,
    );
    expect(snapshot(dir)).toEqual({});
  });

  it("refused nesting prints the one-line message and 'Nothing was written.', no stack", async () => {
    const dir = tempDir();
    const src = join(tempDir(), "deep.xml");
    writeFileSync(src, `<schedule>${"<a>".repeat(5000)}${"</a>".repeat(5000)}</schedule>`);
    const r = await runCli(["import", src, "--out", dir]);
    expect([r.code, r.stderr]).toEqual([
      1,
      `virt-talks: import: ${src}: refused XML: Maximum nested tags exceeded\nNothing was written.\n`,
    ]);
    expect(snapshot(dir)).toEqual({});
  });

  it("refused entities: external ones and too many declarations, one line each", async () => {
    const src = join(tempDir(), "entities.xml");
    writeFileSync(
      src,
      '<?xml version="1.0"?><!DOCTYPE s [<!ENTITY x SYSTEM "file:///etc/passwd">]><schedule><conference><title>&x;</title></conference></schedule>',
    );
    expect(await refused([src])).toBe(`${src}: refused XML: External entities are not supported`);
    const many = Array.from({ length: 1001 }, (_, i) => `<!ENTITY e${i} "x">`).join("");
    writeFileSync(src, `<?xml version="1.0"?><!DOCTYPE s [${many}]><schedule></schedule>`);
    expect(await refused([src])).toBe(
      `${src}: refused XML: Entity count (1001) exceeds maximum allowed (1000)`,
    );
  });
});

describe("import: URLs and hostile content", () => {
  it("imports from an http URL whatever its content type says", async () => {
    const dir = tempDir();
    const [report] = await importInto(dir, [`${base}/schedule.json`]);
    expect(report!.added).toHaveLength(3);
    const file = readCatalogFile(join(dir, "kvm-forum-2026.json"));
    expect(file.talks[0]!.source!.origin).toBe(`${base}/schedule.json`);
  });

  it("keeps credentials in a URL out of the records and the messages", async () => {
    const dir = tempDir();
    const secret = "0123-secret-api-key";
    const url = `http://reader:pw@127.0.0.1:${new URL(base).port}/schedule.json?ak=${secret}&detail=contributions`;
    await importInto(dir, [url]);
    const text = readFileSync(join(dir, "kvm-forum-2026.json"), "utf8");
    expect(text).not.toContain(secret);
    expect(text).not.toContain("reader:pw");
    expect(readCatalogFile(join(dir, "kvm-forum-2026.json")).talks[0]!.source!.origin).toBe(
      `${base}/schedule.json?ak=REDACTED&detail=contributions`,
    );
    const cli = await runCli(["import", url, "--out", tempDir(), "--json"]);
    expect(JSON.parse(cli.stdout).files[0].sources).toEqual([
      `${base}/schedule.json?ak=REDACTED&detail=contributions`,
    ]);
    expect(cli.stdout).not.toContain(secret);
    const message = await refused([`${base}/missing?token=${secret}`]);
    expect(message).toBe(`${base}/missing?token=REDACTED: the server answered HTTP 404`);
  });

  it("makes hostile content inert: scripts, javascript: and data: links, bidi characters", async () => {
    const dir = tempDir();
    await importInto(dir, [fixture("hostile.xml")]);
    const file = readCatalogFile(join(dir, "hostile-virt-day-2026.json"));
    const talk = file.talks[0]!;
    expect(talk.title).toBe("KVM exits explained");
    expect(talk.summary).toBe("KVM exit handling in depth.");
    expect(talk.links).toEqual([
      { kind: "slides", url: "https://example.com/kvm-exits-slides.pdf" },
    ]);
    expect(file.event.links).toEqual([]);
    expect(JSON.stringify(file)).not.toMatch(/javascript:|<script|onerror|\u202e/i);
  });

  it("never expands entities a DOCTYPE declares (no billion laughs)", async () => {
    const dir = tempDir();
    const [report] = await importInto(dir, [fixture("entity-expansion.xml")]);
    const file = readCatalogFile(report!.path);
    expect(file.talks[0]!.title.length).toBeLessThan(20);
    expect(readFileSync(report!.path, "utf8").length).toBeLessThan(5_000);
  });

  it("keeps a 100 KB abstract bounded: summary at most 700, description at most 20,000", async () => {
    const dir = tempDir();
    const json = JSON.parse(fixtureText("kvm-forum-2026.json"));
    const talk = json.schedule.conference.days[0].rooms["Main Hall"][0];
    talk.abstract = `<p>${"KVM guests share huge pages with the host. ".repeat(2400)}</p>`;
    const src = join(dir, "big-abstract.json");
    writeFileSync(src, JSON.stringify(json));
    const out = join(dir, "out");
    await runImport({
      sources: [src],
      outDir: out,
      dryRun: false,
      catalogDirs: [],
      now: NOW,
      timeZone: "UTC",
    });
    const rec = readCatalogFile(join(out, "kvm-forum-2026.json")).talks[0]!;
    expect(rec.summary!.length).toBeLessThanOrEqual(700);
    expect(rec.summary!.endsWith("host.")).toBe(true);
    expect(rec.description!.length).toBeLessThanOrEqual(20_000);
  });
});
