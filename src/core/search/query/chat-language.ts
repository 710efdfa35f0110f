// Everyday English around the catalog's jargon, from data files: filler words a search
// drops ("who talked about", "I'm looking for slides on"), common words typo correction
// leaves alone ("hello" is not a misspelt "held"), and lay terms that lead to jargon
// ("giving memory back" → ballooning). Kept as data beside data/synonyms.json.
import { readFileSync } from "node:fs";
import { z } from "zod";
import { foldRecencyWord } from "../recency.ts";
import type { StemPhrase } from "./synonyms.ts";
import { phraseTerms, stem } from "./tokenize.ts";

/** Word lists are stored as lines of space-separated words, to keep the files readable. */
const WordLines = z.array(z.string());
const ChatWordsFile = z.object({
  about: z.string().optional(),
  filler: WordLines,
  common: WordLines,
  context: z
    .object({
      about: z.string().optional(),
      words: z.array(z.string().min(1)),
      impliedBy: z.array(z.string().min(1)),
      ambiguous: z.array(z.string().min(1)).optional(),
      everyday: z.array(z.string().min(1)).optional(),
    })
    .optional(),
  recency: z
    .object({ about: z.string().optional(), phrases: z.array(z.string().min(1)) })
    .optional(),
});
const LayTermsFile = z.object({
  about: z.string().optional(),
  terms: z.record(z.string().min(1), z.array(z.string().min(1)).min(1)),
});

export interface ChatLanguage {
  /** Stems of filler words. */
  readonly filler: ReadonlySet<string>;
  /** Everyday English words, folded, as typed (not stemmed). */
  readonly common: ReadonlySet<string>;
  /** Their stems, for other forms of the same words ("sharing" for "share"). */
  readonly commonStems: ReadonlySet<string>;
  /** A lay phrase's stems (joined with spaces) → the jargon phrases it stands for. */
  readonly lay: ReadonlyMap<string, readonly StemPhrase[]>;
  /** The longest lay phrase, in words. */
  readonly layLongest: number;
  /**
   * A context word's stems (joined with spaces) → the other ways a talk states the same
   * context: "host" in a question is said by a talk about guests, hypervisors or KVM.
   */
  readonly context: ReadonlyMap<string, readonly StemPhrase[]>;
  /**
   * The setting as a question states it (every context word and implying jargon, stems
   * joined with spaces), and as a talk carries it: the same less the words talks of other
   * fields use too ("host": containers run on hosts). See setting.ts.
   */
  readonly setting: {
    readonly asked: ReadonlySet<string>;
    readonly carried: readonly StemPhrase[];
    /**
     * The implying jargon alone (a hypervisor's name, virtio, …): inside a synonym phrase
     * ("qemu tcg", "kvm on s390") it still states the setting, where a context word
     * ("confidential vms") does not.
     */
    readonly named: ReadonlySet<string>;
  };
  /**
   * Context words everyday English says too (stems joined with spaces): "guests coming
   * over", "host a birthday party" are not questions of the field by them (in-passing.ts).
   */
  readonly everydayContext: ReadonlySet<string>;
  /** Phrases asking for recent talks, as folded words (recency.ts). */
  readonly recency: readonly (readonly string[])[];
}

const words = (lines: readonly string[]): string[] =>
  lines.flatMap((l) => l.toLowerCase().split(/\s+/)).filter((w) => w.length > 0);

interface ChatWords {
  readonly filler: readonly string[];
  readonly common: readonly string[];
  readonly lay: Readonly<Record<string, readonly string[]>>;
  /** The domain's context words, and the words that imply that context (chat-words.json). */
  readonly context?: {
    readonly words: readonly string[];
    readonly impliedBy: readonly string[];
    readonly ambiguous?: readonly string[];
    readonly everyday?: readonly string[];
  };
  /** Phrases asking for recent talks ("latest", "what's new"). */
  readonly recency?: readonly string[];
}

const stemPhrases = (list: readonly string[]): StemPhrase[] =>
  list.map((p) => phraseTerms(p)).filter((t) => t.length > 0);

/** The setting's words as a question states them and as a talk carries them. */
function settingWords(context: ChatWords["context"]): ChatLanguage["setting"] {
  if (!context) return { asked: new Set(), carried: [], named: new Set() };
  const implied = stemPhrases(context.impliedBy);
  const all = [...stemPhrases(context.words), ...implied];
  const ambiguous = new Set(stemPhrases(context.ambiguous ?? []).map((t) => t.join(" ")));
  const unambiguous = (list: StemPhrase[]) => list.filter((t) => !ambiguous.has(t.join(" ")));
  return {
    asked: new Set(all.map((t) => t.join(" "))),
    carried: unambiguous(all),
    named: new Set(unambiguous(implied).map((t) => t.join(" "))),
  };
}

/**
 * Each context word → every other context word and every word implying the context. One
 * way only: "kvm" typed asks for KVM, but "host" typed is said by a KVM talk.
 */
function contextTable(context: ChatWords["context"]): Map<string, StemPhrase[]> {
  const table = new Map<string, StemPhrase[]>();
  if (!context) return table;
  const stems = (list: readonly string[]) =>
    list.map((p) => phraseTerms(p)).filter((t) => t.length > 0);
  const words = stems(context.words);
  const all = [...new Map([...words, ...stems(context.impliedBy)].map((t) => [t.join(" "), t]))];
  for (const w of words) {
    const key = w.join(" ");
    table.set(
      key,
      all.filter(([k]) => k !== key).map(([, t]) => t),
    );
  }
  return table;
}

/**
 * A lay phrase's keys: its stems, and for a short acronym in it (two consonants: "vm") its
 * plural too (and for a plural, "vms", its singular), which the stemmer keeps whole (words
 * under four letters are not stemmed, so "vms" stays "vms"): "vms inside vms" is the lay
 * phrase "vm inside a vm". Built once, so a query's many phrase look-ups stay plain map
 * look-ups.
 */
function layKeys(stems: readonly string[]): string[] {
  let keys: string[][] = [[]];
  for (const s of stems) {
    const acronym = !/[aeiouy\d]/.test(s.slice(0, 2));
    const forms =
      s.length === 2 && acronym
        ? [s, `${s}s`]
        : s.length === 3 && s.endsWith("s") && acronym
          ? [s, s.slice(0, 2)]
          : [s];
    keys = keys.flatMap((k) => forms.map((f) => [...k, f]));
  }
  return keys.map((k) => k.join(" "));
}

export function buildChatLanguage({
  filler,
  common,
  lay,
  context,
  recency,
}: ChatWords): ChatLanguage {
  const table = new Map<string, StemPhrase[]>();
  let layLongest = 1;
  for (const [phrase, jargon] of Object.entries(lay)) {
    const key = phraseTerms(phrase);
    if (key.length === 0) continue;
    layLongest = Math.max(layLongest, key.length);
    const targets = jargon.map((j) => phraseTerms(j)).filter((t) => t.length > 0);
    for (const k of layKeys(key)) table.set(k, [...(table.get(k) ?? []), ...targets]);
  }
  return {
    filler: new Set(filler.map(stem)),
    common: new Set(common),
    commonStems: new Set(common.map(stem)),
    lay: table,
    layLongest,
    context: contextTable(context),
    setting: settingWords(context),
    everydayContext: new Set(stemPhrases(context?.everyday ?? []).map((t) => t.join(" "))),
    recency: (recency ?? []).map((p) => p.split(/\s+/).map(foldRecencyWord).filter(Boolean)),
  };
}

/** A word file read and parsed as JSON once, with its path for error messages. */
export interface JsonFile {
  readonly file: string;
  readonly json: unknown;
}

export function readJsonFile(file: string): JsonFile {
  return { file, json: JSON.parse(readFileSync(file, "utf8")) };
}

function parse<T>({ file, json }: JsonFile, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`error in ${file}, field ${issue.path.join(".")}: ${issue.message}`);
  }
  return parsed.data;
}

/**
 * The chat words (chat-words.json, parsed once by word-data.ts, which also reads its
 * `copiedTo`) and the lay terms file (see word-data.ts for which folder).
 */
export function loadChatLanguage(chatWords: JsonFile, layTermsFile: string): ChatLanguage {
  const chat = parse(chatWords, ChatWordsFile);
  const lay = parse(readJsonFile(layTermsFile), LayTermsFile);
  return buildChatLanguage({
    filler: words(chat.filler),
    common: words(chat.common),
    lay: lay.terms,
    ...(chat.context ? { context: chat.context } : {}),
    ...(chat.recency ? { recency: chat.recency.phrases } : {}),
  });
}
