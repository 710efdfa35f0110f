// The small-talk words ("hi", "thanks!", 👍) as data: the schema of data/small-talk.json,
// the lexicon built from it, and how a message is cut into the words the lexicon knows
// (shortcodes, smileys and chat spellings read first). small-talk.ts decides with it;
// kept apart so the file's format and the decision change separately.
import { readFileSync } from "node:fs";
import { z } from "zod";
import { buildHowTo, type HowTo } from "./how-to.ts";
import { fold } from "./sanitize.ts";

/** In order of precedence: "thanks, bye" is thanks; "hi, bad bot" is a complaint. */
export const SMALL_TALK_INTENTS = [
  "thanks",
  "farewell",
  "about",
  "complaint",
  "greeting",
  "ack",
] as const;
export type SmallTalkIntent = (typeof SMALL_TALK_INTENTS)[number];
/** Intents a word file may leave out (files written before they existed still load). */
type OptionalIntent = "about" | "complaint";
const OPTIONAL_INTENTS: ReadonlySet<SmallTalkIntent> = new Set<OptionalIntent>([
  "about",
  "complaint",
]);

const perIntent = <T extends z.ZodTypeAny>(schema: T) =>
  z.object(
    Object.fromEntries(
      SMALL_TALK_INTENTS.map((i) => [i, OPTIONAL_INTENTS.has(i) ? schema.optional() : schema]),
    ) as { [K in SmallTalkIntent]: K extends OptionalIntent ? z.ZodOptional<T> : T },
  );

const SmallTalkFile = z
  .object({
    about: z.string().optional(),
    intents: perIntent(z.string()),
    /** Several words that together say one intent ("see ya", "who made you"). */
    phrases: z.record(z.string(), z.enum(SMALL_TALK_INTENTS)).optional(),
    /** Chat spellings read as the word they stand for ("u" → "you"), before anything else. */
    spellings: z.record(z.string(), z.string()).optional(),
    neutral: z.string(),
    replies: perIntent(z.string().min(1)),
    capabilities: z.string().min(1),
    examples: z.array(z.string().min(1)).min(1),
    /** Text smileys (":)", "<3"), space-separated; each reads as 👍. */
    emoticons: z.string().optional(),
    /** Text frowns (":(", ":/"), space-separated; each reads as 👎. */
    frowns: z.string().optional(),
    /** Questions about the bot itself ("what can you do"), answered with the help. */
    helpQuestions: z.array(z.string().min(1)).optional(),
    /**
     * Emoji as Slack writes them in a message's text (":+1:", ":pray:"), by name: a 👍
     * picked in Slack reaches the bot as ":+1:" and must read as 👍, not as a search.
     */
    shortcodes: z.record(z.string(), z.string().min(1)).optional(),
    /** How-to questions about the bot ("how do i search by year"): opener, verb, objects. */
    howTo: z
      .object({
        openers: z.array(z.string().min(1)),
        verbs: z.string(),
        objects: z.string(),
      })
      .optional(),
  })
  .superRefine((file, ctx) => {
    const used = new Set([
      ...SMALL_TALK_INTENTS.filter((i) => (file.intents[i] ?? "").trim() !== ""),
      ...Object.values(file.phrases ?? {}),
    ]);
    for (const intent of used)
      if (file.replies[intent] === undefined)
        ctx.addIssue({
          code: "custom",
          path: ["replies", intent],
          message: "a used intent needs a reply",
        });
  });

export interface SmallTalkLexicon {
  /** Word or emoji → the intent it signals, or null for a word that only goes along. */
  readonly words: ReadonlyMap<string, SmallTalkIntent | null>;
  /** Phrases as their words, by first word, longest first. */
  readonly phrases: ReadonlyMap<string, readonly Phrase[]>;
  readonly spellings: ReadonlyMap<string, string>;
  /** Help questions as their words joined by spaces. */
  readonly helpQuestions: ReadonlySet<string>;
  /** Text smileys, longest first. */
  readonly emoticons: readonly string[];
  /** Text frowns, longest first. */
  readonly frowns: readonly string[];
  /** Emoji shortcode name ("+1", "pray") → the emoji it stands for. */
  readonly shortcodes: ReadonlyMap<string, string>;
  /** How-to questions about the bot: their openers (as words), verbs and objects. */
  readonly howTo: HowTo;
  readonly replies: Readonly<Record<SmallTalkIntent, string>>;
  /** One line of what the bot can do, and example queries for it. */
  readonly capabilities: string;
  readonly examples: readonly string[];
}

interface Phrase {
  readonly words: readonly string[];
  readonly intent: SmallTalkIntent;
}

/** Words (apostrophes kept: "it's") and single pictographic emoji. */
const TOKEN = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*|\p{Extended_Pictographic}/gu;

const split = (text: string): string[] =>
  [...fold(text).replace(/’/g, "'").matchAll(TOKEN)].map((m) => m[0]);

export function buildSmallTalkLexicon(data: z.input<typeof SmallTalkFile>): SmallTalkLexicon {
  const words = new Map<string, SmallTalkIntent | null>();
  for (const w of split(data.neutral)) words.set(w, null);
  // Earlier intents win: "thanks, bye" is thanks.
  for (const intent of [...SMALL_TALK_INTENTS].reverse())
    for (const w of split(data.intents[intent] ?? "")) words.set(w, intent);
  const spellings = new Map(
    Object.entries(data.spellings ?? {}).map(([from, to]) => [fold(from), fold(to)]),
  );
  const phrases = new Map<string, Phrase[]>();
  for (const [text, intent] of Object.entries(data.phrases ?? {})) {
    const phrase = { words: split(text).map((w) => spellings.get(w) ?? w), intent };
    const first = phrase.words[0];
    if (first === undefined) continue;
    phrases.set(first, [...(phrases.get(first) ?? []), phrase]);
  }
  for (const list of phrases.values()) list.sort((a, b) => b.words.length - a.words.length);
  const emoticons = (data.emoticons ?? "").split(/\s+/).filter((e) => e.length > 0);
  const shortcodes = new Map(
    Object.entries(data.shortcodes ?? {}).map(([name, emoji]) => [name.toLowerCase(), emoji]),
  );
  const frowns = (data.frowns ?? "")
    .split(/\s+/)
    .filter((e) => e.length > 0)
    .sort((a, b) => b.length - a.length);
  const lexicon = { words, phrases, spellings, shortcodes, frowns };
  return {
    ...lexicon,
    emoticons: emoticons.sort((a, b) => b.length - a.length),
    helpQuestions: new Set(
      (data.helpQuestions ?? []).map((q) => smallTalkTokens(q, lexicon, emoticons).join(" ")),
    ),
    howTo: buildHowTo(data.howTo ?? { openers: [], verbs: "", objects: "" }, (text) =>
      smallTalkTokens(text, lexicon, emoticons),
    ),
    // An intent the file leaves out is never detected; its reply is the 👍 one meanwhile.
    replies: Object.fromEntries(
      SMALL_TALK_INTENTS.map((i) => [i, data.replies[i] ?? data.replies.ack]),
    ) as Record<SmallTalkIntent, string>,
    capabilities: data.capabilities,
    examples: data.examples,
  };
}

/** Reads a small-talk file (see word-data.ts for which folder). */
export function loadSmallTalk(file: string): SmallTalkLexicon {
  const parsed = SmallTalkFile.safeParse(JSON.parse(readFileSync(file, "utf8")));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`error in ${file}, field ${issue.path.join(".")}: ${issue.message}`);
  }
  return buildSmallTalkLexicon(parsed.data);
}

/** A Slack emoji shortcode (":+1:", ":thumbsup::skin-tone-2:"); Slack names use these. */
const SHORTCODE = /:([a-z0-9_+'-]+):/gi;
/**
 * What a shortcode the file does not list reads as: an emoji the lexicon does not know,
 * which goes along with words that say something ("thanks :rocket:") like "🚀" would.
 */
const UNKNOWN_EMOJI = "\u{1F4AC}";

/** Shortcodes as the emoji they stand for; skin tones, which only colour the one before, go. */
function readShortcodes(text: string, shortcodes: ReadonlyMap<string, string>): string {
  if (!text.includes(":")) return text;
  return text.replace(SHORTCODE, (_, name: string) => {
    const key = name.toLowerCase();
    if (key.startsWith("skin-tone-")) return " ";
    return ` ${shortcodes.get(key) ?? UNKNOWN_EMOJI} `;
  });
}

/** The message's words, smileys read as 👍 and chat spellings as the words they stand for. */
export function smallTalkTokens(
  text: string,
  lexicon: Pick<SmallTalkLexicon, "spellings" | "shortcodes" | "frowns">,
  emoticons: readonly string[],
): string[] {
  let plain = readShortcodes(text, lexicon.shortcodes);
  // Frowns first: ":-(" must not lose its ":-" to a smiley.
  for (const f of lexicon.frowns) plain = plain.split(f).join(" 👎 ");
  for (const e of emoticons) plain = plain.split(e).join(" 👍 ");
  return split(plain).map((w) => lexicon.spellings.get(w) ?? w);
}
