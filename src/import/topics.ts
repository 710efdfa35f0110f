// Topics of an imported talk, derived deterministically from data/topic-rules.json: the
// rules are data, so the vocabulary and its patterns change without code.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { CatalogError } from "../core/catalog.ts";

const RulesFile = z.object({
  rules: z.array(z.object({ topic: z.string(), patterns: z.array(z.string()).min(1) })),
});

/**
 * One expression per topic (its patterns joined), case-sensitive over lower-cased text:
 * V8 runs that several times faster than /i or one alternation of every pattern.
 */
export interface TopicRules {
  readonly topics: readonly string[];
  readonly patterns: readonly RegExp[];
}

/** At most this many topics per talk (the catalog allows 8; cards show fewer). */
export const MAX_TOPICS = 6;

/** Reads and checks the rules: every topic must be in `vocabulary`, every pattern compile. */
export function loadTopicRules(dataDir: string, vocabulary: ReadonlyMap<string, string>) {
  const file = "topic-rules.json";
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(join(dataDir, file), "utf8"));
  } catch (err) {
    throw new CatalogError(file, "(file)", "(file)", (err as Error).message);
  }
  const parsed = RulesFile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CatalogError(file, "(file)", issue.path.join("."), issue.message);
  }
  const rules = parsed.data.rules;
  const groups = rules.map((rule, i) => {
    if (!vocabulary.has(rule.topic))
      throw new CatalogError(file, `rules[${i}]`, "topic", `"${rule.topic}" is not in topics.json`);
    rule.patterns.forEach((p, j) => {
      try {
        // Patterns are joined per topic: a backreference would point into another one.
        if (/\\[1-9]|\\k</.test(p)) throw new Error("backreferences are not supported");
        new RegExp(p);
      } catch (err) {
        throw new CatalogError(file, `rules[${i}]`, `patterns.${j}`, (err as Error).message);
      }
    });
    return new RegExp(rule.patterns.map((p) => `(?:${p})`).join("|"));
  });
  return { topics: rules.map((r) => r.topic), patterns: groups };
}

/** Indexes (rule order) of the topics whose patterns occur in `text`. */
function matches(rules: TopicRules, text: string): Set<number> {
  const lower = text.toLowerCase();
  const found = new Set<number>();
  rules.patterns.forEach((re, i) => {
    if (re.test(lower)) found.add(i);
  });
  return found;
}

/** Topics whose patterns match the heading (title) first, then those matching the abstract. */
export function deriveTopics(rules: TopicRules, heading: string, abstract: string): string[] {
  const strong = matches(rules, heading);
  const weak = matches(rules, abstract);
  const order = (set: Set<number>) => [...set].sort((a, b) => a - b);
  const picked = [...order(strong), ...order(weak).filter((i) => !strong.has(i))];
  return picked.slice(0, MAX_TOPICS).map((i) => rules.topics[i]!);
}
