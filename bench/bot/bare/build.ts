// Bundles the bare bot with the options scripts/build.mjs uses for ours (one ES module,
// node20, packages left in node_modules, source map), so both start the same way:
// `node <npm start's flags> <bundle>`. The bundle lives under node_modules/.cache, where its
// bare imports resolve to the repository's node_modules (the very SDK versions we run on).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { buildSync } from "esbuild";
import { ROOT } from "../../shared/bot-command.ts";

const BARE_BUNDLE = join(ROOT, "node_modules", ".cache", "virt-talks-bench", "bare.js");

/** Builds bench/bot/bare/bot.ts into BARE_BUNDLE and returns its path. */
export function buildBare(): string {
  mkdirSync(join(BARE_BUNDLE, ".."), { recursive: true });
  buildSync({
    absWorkingDir: ROOT,
    entryPoints: ["bench/bot/bare/bot.ts"],
    outfile: BARE_BUNDLE,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    sourcemap: true,
    logLevel: "warning",
  });
  return BARE_BUNDLE;
}
