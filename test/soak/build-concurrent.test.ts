// Three `npm start`s from one folder build at once: dist/ is never seen half-written by a
// replica starting meanwhile, and no temporary file is left behind (scripts/build.mjs).
import { execFile } from "node:child_process";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import { ROOT } from "../../bench/shared/bot-command.ts";

const run = promisify(execFile);
const build = () => run(process.execPath, [join(ROOT, "scripts/build.mjs")], { cwd: ROOT });
const MAIN = join(ROOT, "dist/main.js");

it("three builds at once leave a whole bundle, readable whole all along", async () => {
  await build();
  const whole = readFileSync(MAIN);
  // Something else in place, so every build has to write.
  const stale = Buffer.from("// stale\n");
  writeFileSync(MAIN, stale);
  const seen = new Set<number>();
  let building = true;
  const reader = (async () => {
    while (building) {
      seen.add(readFileSync(MAIN).length);
      await new Promise((r) => setImmediate(r));
    }
  })();
  await Promise.all([build(), build(), build()]);
  building = false;
  await reader;
  expect(readFileSync(MAIN).equals(whole)).toBe(true);
  // Only the old file or the new one, never part of either.
  for (const length of seen) expect([stale.length, whole.length]).toContain(length);
  const leftovers = ["dist", "dist/cli"].flatMap((d) =>
    readdirSync(join(ROOT, d)).filter((f) => f.endsWith(".tmp")),
  );
  expect(leftovers).toEqual([]);
  expect(statSync(MAIN).size).toBe(whole.length);
});
