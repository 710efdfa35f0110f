// The real process, started as `npm start` starts it (same node flags, the dist/ bundle),
// over an operator's folder of 12,000 imported talks: it starts, answers, and stays up
// through reloads that each build a new catalog beside the one in use. The start command
// once capped the old generation at 128 MB, and a folder of 8,876 talks then ended the
// bot at start-up with "JavaScript heap out of memory".
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { generateSchedule } from "../../bench/import/import-schedule.ts";
import { importInto, tempDir } from "../support/import-helpers.ts";
import { type BotProcess, killBot, spawnBot } from "../support/totd-spawn.ts";

const running: BotProcess[] = [];
let debug = () => "";
afterEach(() => {
  for (const b of running.splice(0)) killBot(b);
});

async function until(check: () => boolean, what: string, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${debug()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Imports a generated `events`-event frab XML schedule of `year` into `dir`. */
async function importYear(dir: string, work: string, year: number, events: number) {
  const file = join(work, `schedule-${year}.xml`);
  writeFileSync(file, generateSchedule(events, year, year));
  await importInto(dir, [file]);
  rmSync(file);
}

describe("a 12,000-talk catalog under npm start's node flags", () => {
  it("starts, answers and stays up through three reloads", async () => {
    const work = tempDir("virt-large-");
    const dir = join(work, "catalog");
    for (let i = 0; i < 12; i++) await importYear(dir, work, 2010 + i, 1000);

    const bot = spawnBot(
      { STATE_DIR: tempDir(), CATALOG_DIRS: dir, NODE_ENV: "production" },
      { stdin: "pipe" },
    );
    running.push(bot);
    debug = () => `\nstdout: ${bot.stdout().slice(-2000)}\nstderr: ${bot.stderr().slice(-2000)}`;
    await until(() => /talks loaded/.test(bot.stdout()), "start-up", 60_000);
    const loaded = Number(/(\d+) talks loaded/.exec(bot.stdout())?.[1]);
    expect(loaded).toBeGreaterThan(12_000);

    const ask = async (query: string) => {
      const seen = bot.stdout().length;
      bot.child.stdin!.write(`${query}\n`);
      await until(() => bot.stdout().slice(seen).includes("\n\n"), `an answer to ${query}`, 20_000);
      return bot.stdout().slice(seen);
    };
    expect(await ask("vfio")).not.toMatch(/No talks found/);

    for (let reload = 0; reload < 3; reload++) {
      await importYear(dir, work, 2030 + reload, 900);
      bot.child.kill("SIGHUP");
      // The signal and the next line race: ask until the new conference's talks answer.
      const end = Date.now() + 60_000;
      while ((await ask(`year:${2030 + reload}`)).includes("No talks found")) {
        if (Date.now() > end) throw new Error(`reload ${reload + 1} never served: ${debug()}`);
        await new Promise((r) => setTimeout(r, 500));
      }
      expect(await ask("live migration")).not.toMatch(/No talks found/);
    }
    expect(bot.stderr()).not.toMatch(/heap out of memory/);
    bot.child.stdin!.end();
    expect(await bot.exited).toEqual({ code: 0, signal: null });
  }, 300_000);
});
