// Domain synonyms (data/synonyms.json) as stem sequences, for query expansion.
import { readFileSync } from "node:fs";
import { z } from "zod";
import { phraseTerms, rawWords } from "./tokenize.ts";

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
  /**
   * A lone letter and the word it is joined to in some phrase ("risc v" for "risc-v",
   * "h extension" for "h-extension"), as typed apart with a space: such a question reads
   * them as the compound (words.ts), where a lone letter would otherwise be dropped.
   */
  readonly joinable: ReadonlySet<string>;
  /** The one-word phrases as written (folded), for correcting a misspelt jargon word. */
  readonly spellings: readonly string[];
}

const loneLetter = (part: string) => part.length === 1 && /\p{L}/u.test(part);

/** Each lone letter of a compound with its neighbour part, as two words apart. */
function letterPairs(phrase: string): string[] {
  const out: string[] = [];
  for (const w of rawWords(phrase)) {
    w.parts.forEach((p, i) => {
      if (!loneLetter(p)) return;
      if (i > 0) out.push(`${w.parts[i - 1]} ${p}`);
      if (i + 1 < w.parts.length) out.push(`${p} ${w.parts[i + 1]}`);
    });
  }
  return out;
}

export function buildSynonymTable(groups: readonly (readonly string[])[]): SynonymTable {
  const groupsByPhrase = new Map<string, StemPhrase[]>();
  const joinable = new Set<string>();
  const spellings = new Set<string>();
  let longest = 1;
  for (const group of groups) {
    for (const phrase of group) {
      for (const pair of letterPairs(phrase)) joinable.add(pair);
      const [only, ...more] = rawWords(phrase);
      if (only && more.length === 0) spellings.add(only.surface);
    }
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
  return { groupsByPhrase, longest, joinable, spellings: [...spellings] };
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
