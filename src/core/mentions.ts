// People address others in the same breath as the bot: "virt-talks: vfio cc @alice:matrix.org".
// A mention is whom a message speaks to, never what it asks about; left in a search it is
// a word no talk has ("No talks found"). Matrix user ids (and one typed on the console or
// the web) arrive as text, Slack's mention markup as a user id its adapter writes
// (mention-text.ts); all go here, with a "cc", "/cc" or "fyi" that introduces them
// (data/chat-words.json `copiedTo`, word-data.ts: the catalog's DATA_DIR's words).
import { wordData } from "./word-data.ts";

/** A Matrix user id: "@" localpart ":" server name, with an optional port. */
const USER_ID = /^@[a-z0-9._=\-/+]+:[a-z0-9.-]+(?::\d{1,5})?$/i;
/** Punctuation a mention may carry in a sentence ("@alice:hs, have a look"). */
const TRAILING = /[,;.!?]+$/u;

/** `text` without the user ids in it and the "cc" before them; unchanged when it has none. */
export function dropMentions(
  text: string,
  /** Words that only say whom a message is copied to, lower case (word-data.ts). */
  copiedTo = wordData().copiedTo,
): string {
  if (!text.includes("@")) return text;
  const words = text.split(/\s+/u);
  const kept: string[] = [];
  for (const word of words) {
    if (!USER_ID.test(word.replace(TRAILING, ""))) {
      kept.push(word);
      continue;
    }
    while (kept.length > 0 && copiedTo.has(kept.at(-1)!.toLowerCase())) kept.pop();
  }
  return kept.length === words.length ? text : kept.join(" ");
}
