// `npm run build` (and `npm start`, which builds first): bundles our TypeScript into
// dist/ with esbuild — one ES module per entry point, dependencies left in node_modules.
//
// Why not run src/main.ts through tsx, as development does: on Node 20 tsx's loader hooks
// run on a worker thread with its own V8 heap, which costs the long-running bot about
// 33 MB of RSS and half a second of start-up for nothing once the code is compiled.
// Building takes a fraction of a second, so it happens on every start and dist/ can never
// be stale.

import { resolve } from "node:path";
import { build } from "esbuild";

const root = resolve(import.meta.dirname, "..");

await build({
  absWorkingDir: root,
  entryPoints: { main: "src/main.ts", "cli/main": "src/cli/main.ts" },
  outdir: "dist",
  bundle: true,
  platform: "node",
  format: "esm",
  // Shared code and each dynamic import() in chunks of their own: a CLI command loads
  // only its own modules (src/cli/run.ts).
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  target: "node20",
  // Our code only: the packages stay where npm put them (native bits, worker files).
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
});
