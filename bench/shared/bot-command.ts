// How the bot is launched in production — `npm start` is `node <BOT_NODE_ARGS>` after
// `npm run build` — shared by the tests and bench:bot that spawn it, so they measure and
// prove the same thing users run. test/config.test.ts checks package.json agrees.
import { execFileSync } from "node:child_process";
import { join, resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "../..");

/**
 * The node arguments of package.json's start script, relative to ROOT. The young generation
 * is capped at 4 MB a half (by default V8 grows it to 16 MB a half, to collect less often:
 * memory under load, longer pauses). The old generation is not capped: it grows with the
 * catalog, and a 128 MB cap ran out of memory at start-up with 8,876 imported talks.
 */
export const BOT_NODE_ARGS: readonly string[] = [
  "--enable-source-maps",
  "--max-semi-space-size=4",
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
