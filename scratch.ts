import { importInto, tempDir, fixture, readCatalogFile } from "./test/support/import-helpers.ts";
for (const f of process.argv.slice(2)) {
  const out = tempDir();
  try {
  const reps = await importInto(out, [fixture(f)]);
  for (const r of reps) { console.log(JSON.stringify({added: r.added, skipped: r.skipped, path: r.path})); const file = readCatalogFile(r.path); console.log(JSON.stringify(file.event)); for (const t of file.talks) { const {source, added, ...rest} = t; console.log(JSON.stringify(rest)); } }
  const again = await importInto(out, [fixture(f)]);
  console.log("again", again.map(r => [r.added.length, r.updated.length, r.unchanged.length]));
  } catch (e) { console.log("ERR", (e as Error).message); }
}
