// Small talk ("hi", "thanks!", "good morning", 👍): a message made only of small-talk
// words and emoji is answered with a friendly line, never searched. The words are data
// (small-talk-lexicon.ts reads them); this module only decides. Pure.
import { editDistance } from "./edit-distance.ts";
import { isHowTo } from "./how-to.ts";
import {
  SMALL_TALK_INTENTS,
  type SmallTalkIntent,
  type SmallTalkLexicon,
  smallTalkTokens,
} from "./small-talk-lexicon.ts";

// The grammar names the intents through this module, the decider it calls.
export type { SmallTalkIntent } from "./small-talk-lexicon.ts";

/** More words than this is a sentence with something to ask, whatever the words. */
const MAX_WORDS = 8;
const EMOJI = /^\p{Extended_Pictographic}$/u;

/** "heyyy" → "hey", "thaaanks" → "thanks": a letter held down is one letter. */
const collapse = (word: string) => word.replace(/(\p{L})\1+/gu, "$1");

/**
 * A word of the lexicon one slip away from `token` ("thnak", "helo", "heyyy"), or
 * undefined. Only after a search found nothing, or only by correcting a word (see
 * near-miss.ts): a typo'd greeting must not hide a search for a real word one letter
 * from it. Same first letter and at least three letters, so "u" or "kvm" never become
 * anything.
 */
function nearWord(token: string, lexicon: SmallTalkLexicon): SmallTalkIntent | null | undefined {
  if (token.length < 3 || EMOJI.test(token)) return undefined;
  const held = collapse(token);
  for (const [word, intent] of lexicon.words)
    if (word[0] === token[0] && collapse(word) === held) return intent;
  // Not toward an abbreviation ("thnks"): it is a slip already, "thinks" is not one of it.
  for (const [word, intent] of lexicon.words)
    if (word.length >= 3 && word[0] === token[0] && /[aeiou]/.test(word) && oneSlip(token, word))
      return intent;
  return undefined;
}

/**
 * A letter dropped, added or swapped with its neighbour ("helo", "thnak"). A changed
 * letter is not a slip here: too many real words are one letter from a friendly one
 * ("helper", "helped").
 */
function oneSlip(typed: string, word: string): boolean {
  if (editDistance(typed, word) !== 1) return false;
  return typed.length !== word.length || [...typed].sort().join("") === [...word].sort().join("");
}

/**
 * The intent of a message that is only small talk, or null when it asks for anything
 * else ("hi, any numa talks?" is a search). Punctuation is ignored; an emoji the lexicon
 * does not know goes along with words that say something ("good morning ☀️"). `fuzzy`
 * forgives one slip per word ("thnak you"), for a message no talk matched.
 */
export function detectSmallTalk(
  text: string,
  lexicon: SmallTalkLexicon,
  options: { readonly fuzzy?: boolean } = {},
): SmallTalkIntent | null {
  const words = smallTalkTokens(text, lexicon, lexicon.emoticons);
  if (words.length === 0 || words.length > MAX_WORDS) return null;
  let best: SmallTalkIntent | null = null;
  const take = (intent: SmallTalkIntent | null) => {
    if (intent && (!best || SMALL_TALK_INTENTS.indexOf(intent) < SMALL_TALK_INTENTS.indexOf(best)))
      best = intent;
  };
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const phrase = lexicon.phrases
      .get(word)
      ?.find((p) => p.words.every((w, k) => words[i + k] === w));
    if (phrase) {
      take(phrase.intent);
      i += phrase.words.length - 1;
      continue;
    }
    let intent = lexicon.words.get(word);
    if (intent === undefined && options.fuzzy) intent = nearWord(word, lexicon);
    if (intent === undefined && !EMOJI.test(word)) return null;
    take(intent ?? null);
  }
  return best;
}

/**
 * Whether a message is only emoji, Slack's shortcodes (":thinking_face:", ":rocket:") read
 * as the emoji they name: a reaction, however the platform wrote it.
 */
export function onlyEmoji(text: string, lexicon: SmallTalkLexicon): boolean {
  const tokens = smallTalkTokens(text, lexicon, lexicon.emoticons);
  return tokens.length > 0 && tokens.every((t) => EMOJI.test(t));
}

/** Greetings and courtesy around a question ("hi, what can you do, please?"). */
const courteous = (word: string, lexicon: SmallTalkLexicon) => {
  const intent = lexicon.words.get(word);
  return intent === "greeting" || intent === "ack" || word === "please" || word === "bot";
};

/** Whether the message asks what the bot is or does ("what can you do?", "who r u"). */
export function asksForHelp(text: string, lexicon: SmallTalkLexicon): boolean {
  const words = smallTalkTokens(text, lexicon, lexicon.emoticons);
  if (lexicon.helpQuestions.has(words.join(" "))) return true;
  // Courtesy words at either end: "hey bot, what can you do please".
  let from = 0;
  let to = words.length;
  while (from < to && courteous(words[from]!, lexicon)) from++;
  while (to > from && courteous(words[to - 1]!, lexicon)) to--;
  if (from < to && lexicon.helpQuestions.has(words.slice(from, to).join(" "))) return true;
  // "how" is also a greeting ("how are you"): a how-to may start inside the courtesy.
  for (let start = 0; start <= from && start < to; start++)
    if (isHowTo(words.slice(start, to), lexicon.howTo)) return true;
  return false;
}
