// Usage: npx tsx scripts/check-originality.ts data/talks/FILE.json
// Lists summaries and key points that share a run of 7 or more words with the seeds.
import { readFileSync } from "node:fs";
import { readSeeds, sharedRuns, shingles } from "../test/support/seed-overlap.ts";

export const RUN_WORDS = 7;
const seed = shingles(readSeeds(), RUN_WORDS);
let bad = 0;
for (const file of process.argv.slice(2)) {
  const doc = JSON.parse(readFileSync(file, "utf8")) as {
    talks: { id: string; summary: string; keyPoints: string[] }[];
  };
  for (const t of doc.talks) {
    for (const [field, value] of [
      ["summary", t.summary],
      ...t.keyPoints.map((k, i) => [`keyPoints[${i}]`, k]),
    ]) {
      const runs = sharedRuns(value as string, seed, RUN_WORDS);
      if (runs.length) {
        bad++;
        console.log(`${file} ${t.id} ${field}: "${runs[0]}"`);
      }
    }
  }
}
console.log(bad ? `${bad} texts copy from the seeds` : "all texts are in our own words");
process.exitCode = bad ? 1 : 0;
