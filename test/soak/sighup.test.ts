// SIGHUP to the real process (the dist/ bundle npm start runs, console mode): a newly
// imported catalog is answered from after the signal; a broken one keeps the catalog in use
// and the bot says why once, naming file, record and field.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { fixture, importInto, tempDir } from "../support/import-helpers.ts";
import { type BotProcess, killBot, spawnBot } from "../support/totd-spawn.ts";

const running: BotProcess[] = [];
afterEach(() => {
  for (const b of running.splice(0)) killBot(b);
});

let debug = () => "";
async function until(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${debug()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("SIGHUP", () => {
  it("reloads CATALOG_DIRS; a bad catalog keeps the one in use", async () => {
    const dir = tempDir();
    const bot = spawnBot(
      { STATE_DIR: tempDir(), CATALOG_DIRS: dir, NODE_ENV: "production" },
      { stdin: "pipe" },
    );
    running.push(bot);
    debug = () => `\nstdout: ${bot.stdout()}\nstderr: ${bot.stderr()}`;
    // The signal and the next input line race: ask again until the answer shows the
    // catalog expected (each answer ends with a blank line).
    const ask = async (query: string, expected: string) => {
      const end = Date.now() + 20_000;
      for (;;) {
        const seen = bot.stdout().length;
        bot.child.stdin!.write(`${query}\n`);
        await until(() => bot.stdout().slice(seen).includes("\n\n"), "an answer");
        await new Promise((r) => setTimeout(r, 50));
        if (bot.stdout().slice(seen).includes(expected)) return;
        if (Date.now() > end) throw new Error(`no answer with "${expected}": ${debug()}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    await until(() => /talks loaded/.test(bot.stdout()), "start-up");
    await ask("guest_memfd huge pages", `No talks found for "guest_memfd huge pages"`);

    await importInto(dir, [fixture("kvm-forum-2026.json")]);
    bot.child.kill("SIGHUP");
    await ask("guest_memfd huge pages", "guest_memfd and huge pages: where we are");

    const file = join(dir, "kvm-forum-2026.json");
    const broken = JSON.parse(readFileSync(file, "utf8"));
    broken.talks[0].links[0].url = "javascript:alert(1)";
    writeFileSync(file, JSON.stringify(broken));
    bot.child.kill("SIGHUP");
    await until(() => /catalog reload failed/.test(bot.stderr() + bot.stdout()), "the error");
    await ask("guest_memfd huge pages", "guest_memfd and huge pages: where we are");
    const errors = `${bot.stderr()}${bot.stdout()}`
      .split("\n")
      .filter((l) => l.includes("catalog reload failed"));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(
      `${dir}/kvm-forum-2026.json, record talks[0] (kvm-forum-2026-4101-guest-memfd-and-huge-pages), field links.0.url`,
    );
    bot.child.stdin!.end();
    expect(await bot.exited).toEqual({ code: 0, signal: null });
  }, 60_000);
});
