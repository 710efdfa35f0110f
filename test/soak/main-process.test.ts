// src/main.ts as a process: configuration and catalog errors, .env loading, and the
// console mode a newcomer gets without any chat credentials.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BOT_NODE_ARGS, ROOT } from "../../bench/shared/bot-command.ts";
import { removeTempDirs, tempDir } from "../support/totd-helpers.ts";
import { type BotProcess, killBot, spawnBot } from "../support/totd-spawn.ts";

const running: BotProcess[] = [];
afterEach(() => {
  for (const b of running.splice(0)) killBot(b);
  removeTempDirs();
});

function run(env: Record<string, string>, options: Parameters<typeof spawnBot>[1] = {}) {
  const bot = spawnBot({ STATE_DIR: tempDir(), ...env }, { cwd: tempDir(), ...options });
  running.push(bot);
  return bot;
}

describe("npm start", () => {
  it("reports every configuration problem at once, naming the variables, and exits 1", async () => {
    const bot = run({
      SLACK_BOT_TOKEN: "not-a-bot-token",
      TOTD_TIME: "9am",
      TOTD_TIMEZONE: "Mars/Olympus_Mons",
      PORT: "99999",
    });
    expect(await bot.exited).toEqual({ code: 1, signal: null });
    const stderr = bot.stderr();
    for (const name of ["SLACK_BOT_TOKEN", "TOTD_TIME", "TOTD_TIMEZONE", "PORT"]) {
      expect(stderr).toContain(name);
    }
    expect(bot.stdout()).toBe("");
  });

  it("exits 1 with a message naming file, record and field for a broken catalog", async () => {
    const data = tempDir();
    mkdirSync(join(data, "talks"));
    writeFileSync(join(data, "topics.json"), JSON.stringify({ kvm: "KVM" }));
    writeFileSync(
      join(data, "talks", "broken.json"),
      JSON.stringify({
        event: { id: "ev", name: "Event", shortName: "Ev", year: 2012 },
        talks: [
          { id: "ev-talk", title: "T", speakers: [], keyPoints: ["a", "b", "c"], topics: ["kvm"] },
        ],
      }),
    );
    const bot = run({ DATA_DIR: data });
    expect((await bot.exited).code).toBe(1);
    expect(bot.stderr()).toMatch(
      /talks\/broken\.json, record talks\[0\] \(ev-talk\), field summary/,
    );
  });

  it("loads .env from the working directory; the environment wins over it", async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, ".env"), "# local settings\nTOTD_TIME=25:00\n");
    const bad = run({}, { cwd });
    expect((await bad.exited).code).toBe(1);
    expect(bad.stderr()).toContain("TOTD_TIME");

    const good = run({ TOTD_TIME: "09:00" }, { cwd, stdin: "pipe" });
    good.child.stdin!.end("");
    expect(await good.exited).toEqual({ code: 0, signal: null });
  });

  it("without chat credentials: answers on stdin/stdout, keeps logs off stdout, exits 0 at end of input", async () => {
    const bot = run({ NODE_ENV: "production" }, { stdin: "pipe" });
    bot.child.stdin!.end("help\ntoday\n");
    expect(await bot.exited).toEqual({ code: 0, signal: null });
    const stdout = bot.stdout();
    expect(stdout).toMatch(/talks loaded/);
    expect(stdout).toMatch(/Talk of the day/);
    expect(stdout).not.toMatch(/"level":/); // no JSON log lines in the conversation
    expect(bot.stderr()).toBe(""); // info logs are not shown in console mode
  });
});

describe("package.json", () => {
  it("starts the bot the way the tests and bench:bot spawn it: build, then node + the bundle", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.prestart).toBe("node scripts/build.mjs");
    expect(pkg.scripts.start).toBe(`node ${BOT_NODE_ARGS.join(" ")}`);
  });
});
