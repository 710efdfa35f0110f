// The question inside a message's text: "<@UBOT> numa cc <@UALICE>" → "numa".
//
// Slack escapes "<", ">" and "&" in what people type, so every "<…>" left in a text is
// Slack's own markup: a mention, a channel, a link or a special mention. People in a
// channel address others in the same breath as the bot ("vfio talks? cc @alice"); a
// mention is whom a message speaks to, never what it asks about, and left in the query
// it would be a word no talk has ("No talks found").
import { dropCopiedTo } from "../../core/mentions.ts";

/** What a piece of markup (without its "<" ">") stands for in the question. */
function markupText(inner: string): string {
  const bar = inner.indexOf("|");
  const target = bar < 0 ? inner : inner.slice(0, bar);
  const label = bar < 0 ? undefined : inner.slice(bar + 1);
  // A person (the bot or anyone else), or @here, @channel, a user group, a date.
  if (target.startsWith("@") || target.startsWith("!")) return "";
  // A channel: its name, when Slack gives it.
  if (target.startsWith("#")) return label ?? "";
  // A link: the words it shows.
  return label ?? target;
}

/** The text with Slack's markup turned into the words it shows; still escaped otherwise. */
export function questionText(text: string): string {
  let out = "";
  let at = 0;
  for (;;) {
    const open = text.indexOf("<", at);
    const close = open < 0 ? -1 : text.indexOf(">", open);
    if (close < 0) {
      out += text.slice(at);
      break;
    }
    const shown = markupText(text.slice(open + 1, close));
    out += text.slice(at, open);
    // "vfio talks? cc @alice": the "cc" goes with the mention, or it is searched for.
    if (shown === "" && text[open + 1] === "@") out = dropCopiedTo(out);
    out += ` ${shown} `;
    at = close + 1;
  }
  return out.replace(/\s+/g, " ").trim();
}
