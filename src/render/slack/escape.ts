// Slack's text escaping. Slack reads &, < and > as markup in every text field it renders
// (<!channel> pings, <@U123> mentions, <https://x|y> links), so any text that carries user
// or catalog content is escaped before it is placed in a message, and truncated without
// ever splitting one of the three entities.

const ESCAPES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };

/** Escapes &, < and > as Slack requires: the only three characters it treats as markup. */
export function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (c) => ESCAPES[c]!);
}

/**
 * Slack has no escape for its styling characters: `*bold*`, `_italic_`, `~strike~` and
 * backticks in a talk's title or abstract would restyle the card. A zero-width space on
 * each side of one leaves it visible but never next to the word it would style, so
 * Slack's parser (which needs the mark right against a word) ignores it.
 */
const STYLE = /[*_~`]/g;
const HAS_STYLE = /[*_~`]/;
const STYLE_MARKS = "*_~`";
const ZWSP = "\u200B";
/** Where Slack starts a link of its own in a word: a scheme or a bare "www.". */
const LINK_START = /https?:\/\/|www\./i;

const unstyleWord = (word: string) => word.replace(STYLE, (c) => `${ZWSP}${c}${ZWSP}`);

/**
 * The URL Slack links by itself in a word ("(see https://example.org/a_b)."), as
 * [before, url, after], or null. The WHATWG parser decides what is a URL; style marks
 * closing the word are left outside it, as Slack's linking leaves them.
 */
function urlIn(word: string): readonly [string, string, string] | null {
  const at = word.search(LINK_START);
  if (at < 0) return null;
  let end = word.length;
  while (end > at && STYLE_MARKS.includes(word[end - 1]!)) end--;
  const url = word.slice(at, end);
  const absolute = /^www\./i.test(url) ? `http://${url}` : url;
  if (!URL.canParse(absolute)) return null;
  return [word.slice(0, at), url, word.slice(end)];
}

/**
 * Neutralises the styling characters only (text escaped later, or already), outside
 * URLs: a zero-width space inside one ("some_path") breaks the link Slack makes of it,
 * and a mark within a URL never styles anything.
 */
export function unstyle(text: string): string {
  if (!HAS_STYLE.test(text)) return text;
  return text
    .split(/(\s+)/)
    .map((word) => {
      const found = urlIn(word);
      if (found === null) return unstyleWord(word);
      const [before, url, after] = found;
      return `${unstyleWord(before)}${url}${unstyleWord(after)}`;
    })
    .join("");
}

/**
 * Escapes &, < and > and neutralises the styling characters: for catalog content, and
 * for what someone typed when it is echoed back ("No talks found for “*x*”" must not
 * turn bold, and "```" must not open a code block in the bot's answer).
 */
export function escapeContent(text: string): string {
  return unstyle(escapeText(text));
}

/**
 * Slack delivers message and command text with &, < and > already escaped. Undo that once
 * before the core sees the text, so the query is matched and echoed as the user typed it
 * (the renderer escapes it again on the way out).
 */
export function unescapeText(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

const ELLIPSIS = "…";
const ENTITY_AT_END = /&(?:a(?:m(?:p)?)?|l(?:t)?|g(?:t)?)?$/;

/**
 * Cuts already-escaped text to at most `max` UTF-16 units (Slack's limits are counted in
 * characters; UTF-16 units are never fewer), appending "…". Never leaves half an entity
 * (`&am`) or half a surrogate pair at the cut.
 */
export function truncateEscaped(escaped: string, max: number): string {
  if (escaped.length <= max) return escaped;
  if (max <= ELLIPSIS.length) return ELLIPSIS.slice(0, Math.max(0, max));
  let cut = escaped.slice(0, max - ELLIPSIS.length);
  cut = cut.replace(ENTITY_AT_END, "");
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}${ELLIPSIS}`;
}

/** Escapes then truncates: the usual way a piece of text enters a message. */
export function clip(text: string, max: number): string {
  return truncateEscaped(escapeText(text), max);
}

/** escapeContent then truncates: how a talk's own text (title, names, abstract) enters. */
export function clipContent(text: string, max: number): string {
  return truncateEscaped(escapeContent(text), max);
}

/**
 * A URL usable inside `<url|label>` and as a button url: http(s) only (a catalog link is
 * never a javascript: or slack: URL), with the characters that would end the link markup
 * percent-encoded. Returns null for anything else.
 */
export function safeUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return null;
  return parsed.href.replace(/\|/g, "%7C").replace(/</g, "%3C").replace(/>/g, "%3E");
}

/**
 * `message` with the asker's own words (`quoted`, between double quotes in it) unstyled,
 * so "*x*" stays as typed instead of bold; the rest of the message is ours and kept.
 */
export function unstyleQuoted(message: string, quoted: string | undefined): string {
  if (quoted === undefined) return message;
  return message.replaceAll(`"${quoted}"`, `"${unstyle(quoted)}"`);
}
