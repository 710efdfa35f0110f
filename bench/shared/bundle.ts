// Bundles a test fixture or a bench process once with esbuild, with the options scripts/build.mjs uses for the
// bot, so a test that starts it dozens of times pays ~0.3 s per start instead of tsx's ~1 s.
// The bundle goes to a fresh directory under node_modules/.cache: from there its bare
// imports ("@slack/bolt") resolve to the repository's node_modules, and the catalog's
// DEFAULT_DATA_DIR (found by walking up from the module) is the repository's data/.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { buildSync } from "esbuild";
import { ROOT } from "./bot-command.ts";

export interface FixtureBundle {
  /** The bundled entry point: `node <file>`. */
  readonly file: string;
  remove(): void;
}

/** `entry` relative to the repository root, e.g. "test/fixtures/totd-kill-bot.ts". */
export function bundleFixture(entry: string): FixtureBundle {
  const cache = join(ROOT, "node_modules", ".cache");
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, "virt-talks-fixture-"));
  const file = join(dir, "fixture.js");
  buildSync({
    absWorkingDir: ROOT,
    entryPoints: [entry],
    outfile: file,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    logLevel: "warning",
  });
  return { file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
