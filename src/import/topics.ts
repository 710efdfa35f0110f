// Topics of an imported talk, derived deterministically from data/topic-rules.json: the
// rules are data, so the vocabulary and its patterns change without code.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { CatalogError } from "../core/catalog.ts";

const RulesFile = z.object({
  rules: z.array(z.object({ topic: z.string(), patterns: z.array(z.string()).min(1) })),
});

export interface TopicRule {
  readonly topic: string;
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
  return parsed.data.rules.map((rule, i): TopicRule => {
    if (!vocabulary.has(rule.topic))
      throw new CatalogError(file, `rules[${i}]`, "topic", `"${rule.topic}" is not in topics.json`);
    const patterns = rule.patterns.map((p, j) => {
      try {
        return new RegExp(p, "iu");
      } catch (err) {
        throw new CatalogError(file, `rules[${i}]`, `patterns.${j}`, (err as Error).message);
      }
    });
    return { topic: rule.topic, patterns };
  });
}

/** Topics whose patterns match the heading (title) first, then those matching the abstract. */
export function deriveTopics(
  rules: readonly TopicRule[],
  heading: string,
  abstract: string,
): string[] {
  const strong: string[] = [];
  const weak: string[] = [];
  for (const { topic, patterns } of rules) {
    if (patterns.some((p) => p.test(heading))) strong.push(topic);
    else if (patterns.some((p) => p.test(abstract))) weak.push(topic);
  }
  return [...strong, ...weak].slice(0, MAX_TOPICS);
}
