// Small talk ("hi", "thanks!", "good morning", 👍): a message made only of small-talk
// words and emoji is answered with a friendly line, never searched. The words are data
// (data/small-talk.json); this module only decides. Pure apart from reading that file once.
import { readFileSync } from "node:fs";
import { z } from "zod";
import { fold } from "./sanitize.ts";

export const SMALL_TALK_INTENTS = ["thanks", "farewell", "greeting", "ack"] as const;
export type SmallTalkIntent = (typeof SMALL_TALK_INTENTS)[number];

const SmallTalkFile = z.object({
  about: z.string().optional(),
  intents: z.object(
    Object.fromEntries(SMALL_TALK_INTENTS.map((i) => [i, z.string()])) as Record<
      SmallTalkIntent,
      z.ZodString
    >,
  ),
  neutral: z.string(),
  replies: z.object(
    Object.fromEntries(SMALL_TALK_INTENTS.map((i) => [i, z.string().min(1)])) as Record<
      SmallTalkIntent,
      z.ZodString
    >,
  ),
  capabilities: z.string().min(1),
  examples: z.array(z.string().min(1)).min(1),
  /** Text smileys (":)", "<3"), space-separated; each reads as 👍. */
  emoticons: z.string().optional(),
  /** Questions about the bot itself ("what can you do"), answered with the help. */
  helpQuestions: z.array(z.string().min(1)).optional(),
});

export interface SmallTalkLexicon {
  /** Word or emoji → the intent it signals, or null for a word that only goes along. */
  readonly words: ReadonlyMap<string, SmallTalkIntent | null>;
  /** Help questions as their words joined by spaces. */
  readonly helpQuestions: ReadonlySet<string>;
  /** Text smileys, longest first. */
  readonly emoticons: readonly string[];
  readonly replies: Readonly<Record<SmallTalkIntent, string>>;
  /** One line of what the bot can do, and example queries for it. */
  readonly capabilities: string;
  readonly examples: readonly string[];
}

/** More words than this is a sentence with something to ask, whatever the words. */
const MAX_WORDS = 8;
/** Words (apostrophes kept: "it's") and single pictographic emoji. */
const TOKEN = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*|\p{Extended_Pictographic}/gu;

const split = (text: string): string[] =>
  [...fold(text).replace(/’/g, "'").matchAll(TOKEN)].map((m) => m[0]);

export function buildSmallTalkLexicon(data: z.infer<typeof SmallTalkFile>): SmallTalkLexicon {
  const words = new Map<string, SmallTalkIntent | null>();
  for (const w of split(data.neutral)) words.set(w, null);
  // Earlier intents win: "thanks, bye" is thanks.
  for (const intent of [...SMALL_TALK_INTENTS].reverse())
    for (const w of split(data.intents[intent])) words.set(w, intent);
  const emoticons = (data.emoticons ?? "").split(/\s+/).filter((e) => e.length > 0);
  return {
    words,
    emoticons: emoticons.sort((a, b) => b.length - a.length),
    helpQuestions: new Set((data.helpQuestions ?? []).map((q) => split(q).join(" "))),
    replies: data.replies,
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

/**
 * The intent of a message that is only small talk, or null when it asks for anything
 * else ("hi, any numa talks?" is a search). Punctuation is ignored.
 */
export function detectSmallTalk(text: string, lexicon: SmallTalkLexicon): SmallTalkIntent | null {
  let plain = text;
  for (const e of lexicon.emoticons) plain = plain.split(e).join(" 👍 ");
  const tokens = split(plain);
  if (tokens.length === 0 || tokens.length > MAX_WORDS) return null;
  let best: SmallTalkIntent | null = null;
  for (const token of tokens) {
    const intent = lexicon.words.get(token);
    if (intent === undefined) return null;
    if (intent && (!best || SMALL_TALK_INTENTS.indexOf(intent) < SMALL_TALK_INTENTS.indexOf(best)))
      best = intent;
  }
  return best;
}

/** Whether the message asks what the bot is or does ("what can you do?"). */
export function asksForHelp(text: string, lexicon: SmallTalkLexicon): boolean {
  return lexicon.helpQuestions.has(split(text).join(" "));
}
