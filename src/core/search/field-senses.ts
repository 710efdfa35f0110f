// A field word another field says too, read in that field's sense by the words around it
// (data/field-senses.json): "my java VM keeps running out of heap" is the Java runtime's
// virtual machine, "virtual reality" no VM at all, "a spice model for an op-amp in kicad"
// the circuit simulator, not the remote-display protocol. Such a word is no word of the
// field (question-rules.ts), and a question whose field words are all read so is about
// the other field: the bot answers it with no talk rather than a near miss.
import { readFileSync } from "node:fs";
import { z } from "zod";
import type { Concept } from "./query/concept.ts";
import { forEachWord, queryStem } from "./query/tokenize.ts";

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
  others: Lines.optional(),
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
  /** Stems of words that are another field's sense wherever they stand ("jvm"). */
  readonly others: ReadonlySet<string>;
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
    others: stemSet(data.others),
  };
}

export function loadFieldSenses(path: string): FieldSenses {
  return buildFieldSenses(SensesFile.parse(JSON.parse(readFileSync(path, "utf8"))));
}

/** The stems of typed words, stop words kept ("java in vms" is no java VM): "VM's" is vm. */
function typedStems(words: readonly string[]): string[] {
  const out: string[] = [];
  for (const w of words) forEachWord(w, (surface) => out.push(queryStem(surface)));
  return out;
}

/**
 * Where the stems `own` stand in the typed words: the typed stems just before and just
 * after each place they stand.
 */
function neighbours(own: readonly string[], typed: readonly string[]): [string?, string?][] {
  const out: [string?, string?][] = [];
  for (let i = 0; i + own.length <= typed.length; i++)
    if (own.every((s, k) => typed[i + k] === s)) out.push([typed[i - 1], typed[i + own.length]]);
  return out;
}

/**
 * The indices of the concepts read in another field's sense: a sense's word typed right
 * after a `before` word or right before an `after` word (as typed: "java in vms" is no
 * java VM), or in a question holding an `anywhere` word; and any of the `others` (a
 * "jvm" is a runtime's VM anywhere). `words`: the question's free words as typed.
 */
export function otherSense(
  concepts: readonly Concept[],
  words: readonly string[],
  table: FieldSenses,
): Set<number> {
  const out = new Set<number>();
  const typed = typedStems(words);
  const stems = concepts.map((c) => (c.phrase || c.support ? [] : stemsOf(c.label)));
  for (const [i, own] of stems.entries()) {
    if (own.length === 1 && table.others.has(own[0]!)) out.add(i);
    const sense = table.senses.find((s) => own.length > 0 && s.forms.has(own.join(" ")));
    if (!sense) continue;
    const beside = neighbours(own, typed).some(
      ([before, after]) =>
        (before !== undefined && sense.before.has(before)) ||
        (after !== undefined && sense.after.has(after)),
    );
    if (beside || stems.some((other, j) => j !== i && other.some((t) => sense.anywhere.has(t))))
      out.add(i);
  }
  return out;
}
