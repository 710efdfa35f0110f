// Topics of an imported talk, derived deterministically from data/topic-rules.json: the
// rules are data, so the vocabulary and its patterns change without code. A pattern that
// names virtualization itself (kvm, vfio, post-copy) always assigns its topic; a generic
// one (migration, power, scheduling, ...) only when the talk is about virtualization: a
// `context` pattern occurs in its title or track. A database
// migration or an electricity talk at a general conference then gets no virtualization
// topic. The abstract of such a talk adds topics its specific patterns name twice: a talk that
// names Xen once in a list of projects is not about Xen, and one that mentions "network"
// in passing is not about networking. Measured on a labelled sample of real exports
// (README, "Importing schedules").
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { CatalogError } from "../core/catalog.ts";

const RulesFile = z.object({
  context: z.array(z.string()).min(1),
  rules: z.array(
    z
      .object({
        topic: z.string(),
        patterns: z.array(z.string()).default([]),
        generic: z.array(z.string()).default([]),
      })
      .refine((r) => r.patterns.length + r.generic.length > 0, {
        message: "needs patterns or generic patterns",
      }),
  ),
});

/**
 * One expression per topic and kind (its patterns joined), case-sensitive over
 * lower-cased text: V8 runs that several times faster than /i or one alternation of
 * every pattern. `null` where a topic has no pattern of that kind.
 */
export interface TopicRules {
  readonly topics: readonly string[];
  readonly specific: readonly (RegExp | null)[];
  readonly generic: readonly (RegExp | null)[];
  readonly context: RegExp;
}

/** At most this many topics per talk (the catalog allows 8; cards show fewer). */
const MAX_TOPICS = 6;
const FILE = "topic-rules.json";

function compile(patterns: readonly string[], record: string, field: string): RegExp | null {
  if (patterns.length === 0) return null;
  patterns.forEach((p, j) => {
    try {
      // Patterns are joined per topic: a backreference would point into another one.
      if (/\\[1-9]|\\k</.test(p)) throw new Error("backreferences are not supported");
      new RegExp(p);
    } catch (err) {
      throw new CatalogError(FILE, record, `${field}.${j}`, (err as Error).message);
    }
  });
  return new RegExp(patterns.map((p) => `(?:${p})`).join("|"), "g");
}

/** A JSON file of data/ checked by `schema`; a bad one names the file and the field. */
export function loadDataFile<T>(dataDir: string, file: string, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(join(dataDir, file), "utf8"));
  } catch (err) {
    throw new CatalogError(file, "(file)", "(file)", (err as Error).message);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CatalogError(file, "(file)", issue.path.join("."), issue.message);
  }
  return parsed.data;
}

/** Reads and checks the rules: every topic must be in `vocabulary`, every pattern compile. */
export function loadTopicRules(
  dataDir: string,
  vocabulary: ReadonlyMap<string, string>,
): TopicRules {
  const { rules, context } = loadDataFile(dataDir, FILE, RulesFile);
  rules.forEach((rule, i) => {
    if (!vocabulary.has(rule.topic))
      throw new CatalogError(FILE, `rules[${i}]`, "topic", `"${rule.topic}" is not in topics.json`);
  });
  return {
    topics: rules.map((r) => r.topic),
    specific: rules.map((r, i) => compile(r.patterns, `rules[${i}]`, "patterns")),
    generic: rules.map((r, i) => compile(r.generic, `rules[${i}]`, "generic")),
    context: compile(context, "(file)", "context")!,
  };
}

/** How often `re` (global) occurs in `text`, counting up to `enough`. */
function count(re: RegExp | null, text: string, enough: number): number {
  if (!re || !text) return 0;
  re.lastIndex = 0;
  let n = 0;
  while (n < enough && re.exec(text)) n++;
  re.lastIndex = 0;
  return n;
}

/** Indexes (rule order) of the topics whose patterns occur at least `times` in `lower`. */
function matches(rules: TopicRules, lower: string, inContext: boolean, times: number) {
  const found = new Set<number>();
  rules.topics.forEach((_, i) => {
    const n = count(rules.specific[i]!, lower, times);
    const g = inContext ? count(rules.generic[i]!, lower, times) : 0;
    if (n + g >= times) found.add(i);
  });
  return found;
}

/**
 * Topics whose patterns match the heading (title) first, then those the abstract
 * suggests; generic patterns count only for a talk about virtualization.
 */
export function deriveTopics(
  rules: TopicRules,
  heading: string,
  abstract: string,
  track: string,
): string[] {
  const head = heading.toLowerCase();
  const body = abstract.toLowerCase();
  const inContext =
    count(rules.context, head, 1) > 0 || count(rules.context, track.toLowerCase(), 1) > 0;
  const strong = matches(rules, head, inContext, 1);
  // The abstract names many things in passing: there a topic needs two mentions, only
  // the patterns that name virtualization itself count, and only in a talk about it.
  const weak = inContext ? matches(rules, body, false, 2) : new Set<number>();
  const order = (set: Set<number>) => [...set].sort((a, b) => a - b);
  const picked = [...order(strong), ...order(weak).filter((i) => !strong.has(i))];
  return picked.slice(0, MAX_TOPICS).map((i) => rules.topics[i]!);
}

/** Topics a track's name gives by itself ("KVM" → kvm): specific patterns only. */
export function trackTopics(rules: TopicRules, track: string): string[] {
  const found = [...matches(rules, track.toLowerCase(), false, 1)].sort((a, b) => a - b);
  return found.slice(0, MAX_TOPICS).map((i) => rules.topics[i]!);
}
