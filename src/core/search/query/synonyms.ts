// Domain synonyms (data/synonyms.json) as stem sequences, for query expansion.
import { readFileSync } from "node:fs";
import { z } from "zod";
import { phraseTerms } from "./tokenize.ts";

const SynonymFile = z.object({
  about: z.string().optional(),
  groups: z.array(z.array(z.string().min(1)).min(2)),
});

/** A phrase as stems, e.g. "device assignment" → ["devic", "assign"]. */
export type StemPhrase = readonly string[];

export interface SynonymTable {
  /** Phrases of every group, keyed by the phrase's stems joined with spaces. */
  readonly groupsByPhrase: ReadonlyMap<string, readonly StemPhrase[]>;
  /** The longest phrase, in words: how far a greedy match needs to look ahead. */
  readonly longest: number;
}

function buildSynonymTable(groups: readonly (readonly string[])[]): SynonymTable {
  const groupsByPhrase = new Map<string, StemPhrase[]>();
  let longest = 1;
  for (const group of groups) {
    const phrases = group.map((p) => phraseTerms(p)).filter((p) => p.length > 0);
    const unique = [...new Map(phrases.map((p) => [p.join(" "), p])).values()];
    for (const p of unique) {
      longest = Math.max(longest, p.length);
      const key = p.join(" ");
      // A phrase in two groups gets the union of both.
      const existing = groupsByPhrase.get(key) ?? [];
      const merged = new Map([...existing, ...unique].map((q) => [q.join(" "), q]));
      groupsByPhrase.set(key, [...merged.values()]);
    }
  }
  return { groupsByPhrase, longest };
}

/** Reads a synonyms file (data/synonyms.json or DATA_DIR's: see word-data.ts). */
export function loadSynonyms(file: string): SynonymTable {
  const parsed = SynonymFile.safeParse(JSON.parse(readFileSync(file, "utf8")));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`synonyms error in ${file}, field ${issue.path.join(".")}: ${issue.message}`);
  }
  return buildSynonymTable(parsed.data.groups);
}
