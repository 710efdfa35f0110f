import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { createConsoleAdapter } from "../../../src/adapters/console/adapter.ts";
import { HELP } from "../../../src/core/help.ts";
import { NOTHING_TO_PAGE } from "../../../src/render/console/answer.ts";
import { capture, catalog, consoleDeps } from "../../support/cli-harness.ts";

const PROMPT = "virt> ";
const tick = () => new Promise((r) => setImmediate(r));

/** Types `lines` into a console session, then ends the input like Ctrl-D. */
async function session(lines: readonly string[]) {
  const { deps, answered } = consoleDeps();
  const input = new PassThrough();
  const out = capture();
  const adapter = createConsoleAdapter(deps, {
    input,
    output: out.stream,
    prompt: PROMPT,
    catalogSize: () => catalog.talks.length,
  });
  await adapter.start();
  expect(adapter.health().state).toBe("up");
  for (const line of lines) input.write(`${line}\n`);
  input.end();
  await adapter.closed;
  await tick();
  // One prompt is printed after the welcome and after every answer.
  const [welcome = "", ...replies] = out.text().split(PROMPT);
  return { adapter, deps, answered, text: out.text(), welcome, replies };
}

describe("console adapter", () => {
  it("welcomes with the catalog size and answers /virt searches with numbered cards", async () => {
    const { welcome, replies, answered } = await session(["/virt numa"]);
    expect(welcome).toBe(
      `virt-talks console: ${catalog.talks.length} talks loaded — type help for commands, Ctrl-D to quit.\n`,
    );
    expect(replies[0]).toContain('Talks matching "numa":');
    expect(replies[0]).toMatch(/^1\. .+\n {3}.+ · /m);
    expect(answered[0]).toMatchObject({ platform: "console", command: "results", outcome: "ok" });
    expect(answered[0]!.results).toBeGreaterThan(0);
  });

  it("takes commands without the /virt prefix and prints help", async () => {
    const { replies } = await session(["help", "/virt help", "/virt"]);
    expect(replies[0]).toContain(HELP.intro);
    for (const example of HELP.examples) expect(replies[0]).toContain(`  ${example}\n`);
    expect(replies[1]).toBe(replies[0]);
    expect(replies[2]).toBe(replies[0]); // a bare /virt is asking for help
  });

  it("pages the last search with `more` until it runs out", async () => {
    const query = "kvm";
    const first = consoleDeps().library.current().answer(query);
    if (first.kind !== "results") throw new Error(`expected results for ${query}`);
    expect(first.total).toBeGreaterThan(first.hits.length); // needs at least two pages
    const pages = Math.ceil(first.total / first.hits.length);
    const mores = Array.from({ length: pages }, () => "more");
    const { replies, answered } = await session([`/virt ${query}`, ...mores]);
    expect(replies[0]).toContain("Showing 1–3 of");
    expect(replies[1]).toMatch(/^4\. /m);
    expect(replies[1]).not.toMatch(/^1\. /m);
    expect(answered[1]).toMatchObject({ command: "more", outcome: "ok" });
    expect(replies[pages - 1]).toContain(`of ${first.total}.`);
    expect(replies[pages]).toBe(
      `That was all for "${query}" (${first.total} talks). Try another search.\n\n`,
    );
  });

  it("says there is nothing to page before any search, and after a failed one", async () => {
    const { replies } = await session(["more", "numa", "kubernetes", "/virt more"]);
    expect(replies[0]).toBe(`${NOTHING_TO_PAGE}\n\n`);
    expect(replies[2]).toContain('No talks found for "kubernetes".');
    expect(replies[3]).toBe(`${NOTHING_TO_PAGE}\n\n`);
  });

  it("answers what people type in a channel: a number from the list, :+1:, a wish for quiet, a how-to", async () => {
    const { replies, answered } = await session([
      "numa",
      "show 2",
      ":+1:",
      "stop posting here",
      "how do I search by year?",
    ]);
    expect(replies[1]).toMatch(/^Talks matching "numa":\n\n2\. /);
    expect(replies[1]).not.toMatch(/^[13]\. /m);
    expect(replies[1]).toMatch(/\nShowing 2 of \d+ — type `more` for the next page\n\n$/);
    expect(answered[1]).toMatchObject({ command: "more", outcome: "ok" });
    expect(replies[2]).toBe(
      "👍\nI find Linux virtualization conference talks (KVM, QEMU, Xen) by subject,\nspeaker, event or year. Try `numa`, `talks by arcangeli` or `topics`.\n\n",
    );
    expect(replies[3]).toBe(
      'To stop the talk of the day here, type "unsubscribe"; to stop a watch, "watches" lists them and "unwatch N" ends one.\nType `help` for the commands and examples.\n\n',
    );
    expect(replies[4]).toMatch(new RegExp(`^${HELP.intro.replace(/[()]/g, "\\$&")}\n`));
  });

  it("answers bad input with a clear message and keeps going", async () => {
    const { replies, text, adapter } = await session([
      "x".repeat(10_000),
      "\u001b[31mnuma\u001b[0m\u0007\u0000",
      "foo:bar",
      "year:abc",
      "\u0001\u0002",
      "numa",
    ]);
    expect(replies[0]).toContain("please keep it under 300");
    expect(replies[1]).toContain('Talks matching "numa":');
    expect(replies[2]).toContain('I don\'t know the filter "foo:"');
    expect(replies[3]).toContain('"abc" is not a year');
    expect(replies[4]).toContain(HELP.intro); // nothing left after cleaning: help
    expect(replies[5]).toContain('Talks matching "numa":');
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(adapter.health().state).toBe("stopped");
  });

  it("stops at end of input: closed and stop() resolve", async () => {
    const { adapter } = await session([]);
    await expect(adapter.stop()).resolves.toBeUndefined();
    expect(adapter.health()).toEqual({ state: "stopped" });
  });

  it("stops on quit or exit and ignores the lines after it", async () => {
    for (const word of ["quit", "/virt exit", "QUIT"]) {
      const { replies, answered } = await session(["numa", word, "vfio"]);
      expect(replies[1]).toBe("Bye.\n");
      expect(replies).toHaveLength(2);
      expect(answered).toHaveLength(1);
    }
  });

  it("stop() ends a running session", async () => {
    const { deps } = consoleDeps();
    const input = new PassThrough();
    const out = capture();
    const adapter = createConsoleAdapter(deps, {
      input,
      output: out.stream,
      catalogSize: () => catalog.talks.length,
    });
    await adapter.start();
    await adapter.stop();
    await expect(adapter.closed).resolves.toBeUndefined();
    expect(adapter.health().state).toBe("stopped");
  });

  it("answers today from the core's clock", async () => {
    const { replies, answered } = await session(["/virt today"]);
    expect(replies[0]).toMatch(/^=== Talk of the day · 2026-11-22 ===\n/);
    expect(answered[0]).toMatchObject({ command: "talk", results: 1 });
  });
});
