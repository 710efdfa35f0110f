// A field word another field says too, read in that field's sense by the words around it
// (data/field-senses.json): "my java VM keeps running out of heap" is the Java runtime's
// virtual machine, "virtual reality" no VM at all, "a spice model for an op-amp in kicad"
// the circuit simulator, not the remote-display protocol. Such a word is no word of the
// field (question-rules.ts), and a question whose field words are all read so is about
// the other field: the bot answers it with no talk rather than a near miss.
import { readFileSync } from "node:fs";
import { z } from "zod";
import type { Concept } from "./query/concept.ts";
import { queryStem } from "./query/tokenize.ts";

const Lines = z.array(z.string());
const SensesFile = z.object({
  about: z.string().optional(),
  senses: z.array(
    z.object({
      word: z.string().min(1),
      forms: Lines.optional(),
      before: Lines.optional(),
      after: Lines.optional(),
      anywhere: Lines.optional(),
    }),
  ),
});

interface Sense {
  /** The field word's forms, as stems joined with spaces ("vm", "virtual machin"). */
  readonly forms: ReadonlySet<string>;
  readonly before: ReadonlySet<string>;
  readonly after: ReadonlySet<string>;
  readonly anywhere: ReadonlySet<string>;
}

export interface FieldSenses {
  readonly senses: readonly Sense[];
}

/** A label's or a word's stems: lower case, split on spaces, each stemmed as a query's. */
const stemsOf = (text: string): string[] =>
  text
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .map(queryStem);

const stemSet = (lines: readonly string[] = []): Set<string> =>
  new Set(lines.flatMap((l) => l.split(/\s+/).filter((w) => w.length > 0)).map(queryStem));

export function buildFieldSenses(data: z.infer<typeof SensesFile>): FieldSenses {
  return {
    senses: data.senses.map((s) => ({
      forms: new Set([s.word, ...(s.forms ?? [])].map((f) => stemsOf(f).join(" "))),
      before: stemSet(s.before),
      after: stemSet(s.after),
      anywhere: stemSet(s.anywhere),
    })),
  };
}

export function loadFieldSenses(path: string): FieldSenses {
  return buildFieldSenses(SensesFile.parse(JSON.parse(readFileSync(path, "utf8"))));
}

/**
 * The indices of the concepts read in another field's sense: a sense's word, with the
 * concept before it ending in a `before` word, the one after it starting with an `after`
 * word, or any other concept holding an `anywhere` word. Concepts keep the question's
 * order (filler and stop words dropped: "the java VM" is java, vm).
 */
export function otherSense(concepts: readonly Concept[], table: FieldSenses): Set<number> {
  const out = new Set<number>();
  const stems = concepts.map((c) => (c.phrase || c.support ? [] : stemsOf(c.label)));
  for (const [i, own] of stems.entries()) {
    const sense = table.senses.find((s) => s.forms.has(own.join(" ")));
    if (!sense) continue;
    const before = stems[i - 1]?.at(-1);
    const after = stems[i + 1]?.[0];
    if (
      (before !== undefined && sense.before.has(before)) ||
      (after !== undefined && sense.after.has(after)) ||
      stems.some((other, j) => j !== i && other.some((t) => sense.anywhere.has(t)))
    )
      out.add(i);
  }
  return out;
}
