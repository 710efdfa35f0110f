// Finds long runs of words that a catalog text shares with the seed documents:
// catalog prose must be in our own words, so such runs are reported as copies.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

const SEEDS_DIR = resolve(import.meta.dirname, "../../../shared/seeds");

export function seedsAvailable(): boolean {
  return existsSync(SEEDS_DIR);
}

export function readSeeds(): string {
  return readdirSync(SEEDS_DIR)
    .filter((f) => f.endsWith(".txt"))
    .map((f) => readFileSync(join(SEEDS_DIR, f), "utf8"))
    .join("\n");
}

function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .split(" ")
    .filter(Boolean);
}

/** All n-word runs of a text, as strings. */
export function shingles(text: string, n: number): Set<string> {
  const w = words(text);
  const out = new Set<string>();
  for (let i = 0; i + n <= w.length; i++) out.add(w.slice(i, i + n).join(" "));
  return out;
}

/** The runs of `n` words that `text` shares with `seedShingles`. */
export function sharedRuns(text: string, seedShingles: Set<string>, n: number): string[] {
  return [...shingles(text, n)].filter((s) => seedShingles.has(s));
}
