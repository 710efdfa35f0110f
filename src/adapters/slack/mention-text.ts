// The question inside a message's text: "<@UBOT> numa cc <@UALICE>" → "numa cc
// @UALICE:slack", which the grammar reads as "numa".
//
// Slack escapes "<", ">" and "&" in what people type, so every "<…>" left in a text is
// Slack's own markup: a mention, a channel, a link or a special mention. People in a
// channel address others in the same breath as the bot ("vfio talks? cc @alice"); a
// mention is whom a message speaks to, never what it asks about, and left in the query
// it would be a word no talk has ("No talks found"). A person's mention is written as a
// user id the grammar drops with the "cc" before it (src/core/mentions.ts), by the words
// of the catalog's DATA_DIR: the cc rule is the grammar's alone, on every platform.

/** A person's mention as the grammar's mentions are written: "@" id ":" server. */
const personMention = (id: string) => `@${id}:slack`;

/** What a piece of markup (without its "<" ">") stands for in the question. */
function markupText(inner: string): string {
  const bar = inner.indexOf("|");
  const target = bar < 0 ? inner : inner.slice(0, bar);
  const label = bar < 0 ? undefined : inner.slice(bar + 1);
  // A person (the bot or anyone else): dropped by the grammar, with a "cc" before it.
  if (target.startsWith("@")) return personMention(target.slice(1));
  // @here, @channel, a user group, a date.
  if (target.startsWith("!")) return "";
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
    out += `${text.slice(at, open)} ${markupText(text.slice(open + 1, close))} `;
    at = close + 1;
  }
  return out.replace(/\s+/g, " ").trim();
}
