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
      anywherePhrases: Lines.optional(),
      when: Lines.optional(),
    }),
  ),
  others: Lines.optional(),
  between: Lines.optional(),
  generic: Lines.optional(),
  looseInTalks: Lines.optional(),
});

interface Sense {
  /** The field word's forms, as stems joined with spaces ("vm", "virtual machin"). */
  readonly forms: ReadonlySet<string>;
  readonly before: ReadonlySet<string>;
  readonly after: ReadonlySet<string>;
  readonly anywhere: ReadonlySet<string>;
  /**
   * Phrases (each a list of stems) that, typed anywhere in the question, read the word so
   * as an `anywhere` word does, where each word alone is no sign: "scripting language"
   * beside a VM is a language's VM, "scripting" alone ("scripting vm creation") is not.
   */
  readonly anywherePhrases: readonly (readonly string[])[];
  /**
   * When not empty, `before` and `after` read the word so only in a question that says one
   * of these too: "virtual host" is a web server's beside "apache", a nested guest's host
   * without.
   */
  readonly when: ReadonlySet<string>;
}

export interface FieldSenses {
  readonly senses: readonly Sense[];
  /** Stems of words that are another field's sense wherever they stand ("jvm"). */
  readonly others: ReadonlySet<string>;
  /**
   * Stems of the words passed over to find a word's neighbour: "host a party", "pin my
   * npm versions" say "host", "pin" beside "party", "npm" as "host parties" does.
   */
  readonly between: ReadonlySet<string>;
  /**
   * Stems of the field's words other fields say too ("virtual", "memory", "guest"): alone
   * they put no sentence in the field where VMs are a minority (generic-words.ts).
   */
  readonly generic: ReadonlySet<string>;
  /**
   * Stems of generic words that, in a talk, do not show it is about VMs ("virtual", the
   * stem of "virtualization" too; "guest"): see setting.ts ownCarriers.
   */
  readonly looseInTalks: ReadonlySet<string>;
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
      anywherePhrases: (s.anywherePhrases ?? []).map((p) => typedStems([p])),
      when: stemSet(s.when),
    })),
    others: stemSet(data.others),
    between: stemSet(data.between),
    generic: stemSet(data.generic),
    looseInTalks: stemSet(data.looseInTalks),
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
 * after each place they stand, passing over the `between` words ("host a party").
 */
function neighbours(
  own: readonly string[],
  typed: readonly string[],
  between: ReadonlySet<string>,
): [string?, string?][] {
  const out: [string?, string?][] = [];
  const next = (from: number, step: number) => {
    let j = from;
    while (j >= 0 && j < typed.length && between.has(typed[j]!)) j += step;
    return typed[j];
  };
  for (let i = 0; i + own.length <= typed.length; i++)
    if (own.every((s, k) => typed[i + k] === s))
      out.push([next(i - 1, -1), next(i + own.length, 1)]);
  return out;
}

/** Whether the stems `phrase` stand side by side in the typed stems. */
function typedHolds(typed: readonly string[], phrase: readonly string[]): boolean {
  if (phrase.length === 0) return false;
  for (let i = 0; i + phrase.length <= typed.length; i++)
    if (phrase.every((s, k) => typed[i + k] === s)) return true;
  return false;
}

/**
 * The indices of the concepts read in another field's sense: a sense's word typed right
 * after a `before` word or right before an `after` word (as typed: "java in vms"
 * is no java VM), or in a question holding an `anywhere` word (typed, or a concept's); and
 * any of the `others` (a "jvm" is a runtime's VM anywhere). A phrase of the field's data
 * made of senses' words only is read as they are, by the word before its start and the
 * one after its end ("the dart vm snapshot": the Dart VM's); one holding a word of the
 * field's own ("vm exit", "vm management") says which field it is and is never read so:
 * "python vm management library" is the field's. A word may have several senses; each is
 * read on its own. `words`: the question's free words as typed.
 */
export function otherSense(
  concepts: readonly Concept[],
  words: readonly string[],
  table: FieldSenses,
): Set<number> {
  const out = new Set<number>();
  const typed = typedStems(words);
  const stems = concepts.map((c) => (c.phrase || c.support ? [] : stemsOf(c.label)));
  const sensesOf = (own: readonly string[]) =>
    table.senses.filter((s) => s.forms.has(own.join(" ")));
  const meant = (s: Sense) => s.when.size === 0 || typed.some((t) => s.when.has(t));
  for (const [i, own] of stems.entries()) {
    if (own.length === 0) continue;
    if (own.length === 1 && table.others.has(own[0]!)) out.add(i);
    const senses = sensesOf(own);
    const ambiguous = own.length > 1 && own.every((s) => sensesOf([s]).length > 0);
    const heads = ambiguous ? [...senses, ...sensesOf(own.slice(0, 1))] : senses;
    const tails = ambiguous ? [...senses, ...sensesOf(own.slice(-1))] : senses;
    const beside = neighbours(own, typed, table.between).some(
      ([before, after]) =>
        (before !== undefined && heads.some((s) => meant(s) && s.before.has(before))) ||
        (after !== undefined && tails.some((s) => meant(s) && s.after.has(after))),
    );
    // (Typed words as well as the concepts: a looser try drops an everyday word, "dinner",
    // that still says which sense the question means; a concept may be a typo's correction.)
    const said = (t: string) => senses.some((s) => s.anywhere.has(t));
    const phrased = senses.some((s) => s.anywherePhrases.some((p) => typedHolds(typed, p)));
    if (beside || phrased || typed.some(said) || stems.some((o, j) => j !== i && o.some(said)))
      out.add(i);
  }
  return out;
}
