// `npm run build` (and `npm start`, which builds first): bundles our TypeScript into
// dist/ with esbuild — one ES module per entry point, dependencies left in node_modules.
//
// Why not run src/main.ts through tsx, as development does: on Node 20 tsx's loader hooks
// run on a worker thread with its own V8 heap, which costs the long-running bot about
// 33 MB of RSS and half a second of start-up for nothing once the code is compiled.
// Building takes a fraction of a second, so it happens on every start and dist/ can never
// be stale.
//
// Several builds at once (three replicas started with `npm start` from one folder) must not
// leave a half-written bundle for one of them to run: each file is written beside its
// place under a name of its own and renamed over it (atomic on one filesystem), and left
// alone when it already holds the same bytes. Every build of the same sources writes the
// same files, so whichever rename lands last, dist/ is whole. Replicas are better started
// by building once and then running `node … dist/main.js` each (README, "Running more than
// one replica").

import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { build } from "esbuild";

const root = resolve(import.meta.dirname, "..");

const common = {
  absWorkingDir: root,
  outdir: "dist",
  bundle: true,
  platform: "node",
  format: "esm",
  // Shared code and each dynamic import() in chunks of their own: a CLI command loads
  // only its own modules (src/cli/run.ts).
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  target: "node20",
  sourcemap: true,
  logLevel: "warning",
  write: false,
};

/**
 * Every package stays external but zod: the CLI is a short process, and loading zod's
 * hundred module files cost every command (list, import) 30-50 ms of CPU; one chunk of
 * it loads faster. The bot keeps its packages external (its heap budget, start-up once).
 */
const bundleOnlyZod = {
  name: "bundle-only-zod",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path === "zod" || args.path.startsWith("zod/")
        ? undefined
        : { path: args.path, external: true },
    );
  },
};

const results = await Promise.all([
  // Our code only: the packages stay where npm put them (native bits, worker files).
  build({ ...common, entryPoints: { main: "src/main.ts" }, packages: "external" }),
  build({ ...common, entryPoints: { "cli/main": "src/cli/main.ts" }, plugins: [bundleOnlyZod] }),
]);
const result = { outputFiles: results.flatMap((r) => r.outputFiles) };

const unchanged = async (path, contents) => {
  try {
    return Buffer.compare(await readFile(path), contents) === 0;
  } catch {
    return false;
  }
};

for (const file of result.outputFiles) {
  if (await unchanged(file.path, file.contents)) continue;
  await mkdir(dirname(file.path), { recursive: true });
  const temp = `${file.path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    await writeFile(temp, file.contents);
    await rename(temp, file.path);
  } finally {
    await rm(temp, { force: true });
  }
}
