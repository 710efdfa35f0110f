// How the bot is launched in production — `npm start` is `node <BOT_NODE_ARGS>` after
// `npm run build` — shared by the tests and bench:bot that spawn it, so they measure and
// prove the same thing users run. test/config.test.ts checks package.json agrees.
import { execFileSync } from "node:child_process";
import { join, resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "../..");

/**
 * The node arguments of package.json's start script, relative to ROOT. The two heap flags
 * keep the bot under 150 MB RSS at 50 concurrent requests (bench:bot): by default V8 lets
 * the young generation grow to 48 MB and the old one far past the ~40 MB the bot keeps
 * alive, just to collect less often.
 */
export const BOT_NODE_ARGS: readonly string[] = [
  "--enable-source-maps",
  "--max-semi-space-size=4",
  "--max-old-space-size=128",
  "dist/main.js",
];

/** The same arguments with the bundle as an absolute path (any working directory). */
export const botNodeArgs = (): string[] =>
  BOT_NODE_ARGS.map((a) => (a.endsWith(".js") ? join(ROOT, a) : a));

/** Builds dist/ as `npm start` does (scripts/build.mjs; well under a second). */
export function buildBot(): void {
  execFileSync(process.execPath, [join(ROOT, "scripts", "build.mjs")], {
    cwd: ROOT,
    stdio: ["ignore", "inherit", "inherit"],
  });
}
