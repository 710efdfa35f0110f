// Schedule abstracts are HTML (pretalx renders Markdown, Indico stores rich text) or plain
// text. Everything becomes one line of inert plain text: tags, scripts and images gone,
// entities decoded, control and bidi characters removed, whitespace collapsed.
import { compile } from "html-to-text";
import { sanitizeInput } from "../core/sanitize.ts";

const OPTIONS = {
  wordwrap: false as const,
  selectors: [
    { selector: "a", options: { ignoreHref: true } },
    { selector: "img", format: "skip" },
    { selector: "script", format: "skip" },
    { selector: "style", format: "skip" },
    { selector: "iframe", format: "skip" },
    { selector: "h1", options: { uppercase: false } },
    { selector: "h2", options: { uppercase: false } },
    { selector: "h3", options: { uppercase: false } },
    { selector: "table", format: "dataTable" },
  ],
};

// Compiled once: convert() would re-read the options for every abstract (most of its cost).
const toText = compile(OPTIONS);

/** Longest input handed to the HTML parser; a longer abstract is cut first (never needed). */
const MAX_HTML = 200_000;

export function plainText(html: string): string {
  if (!html) return "";
  const cut = html.length > MAX_HTML ? html.slice(0, MAX_HTML) : html;
  // No markup at all: skip the parser (most .ics descriptions, many titles).
  const text = /[<&]/.test(cut) ? toText(cut) : cut;
  return sanitizeInput(text);
}

/** One-line text (title, name, track): the same cleaning, cut to `max` at a word. */
export function plainLine(text: string, max: number): string {
  return cutAtWord(plainText(text), max);
}

export function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max - 1);
  const space = head.lastIndexOf(" ");
  return `${(space > max / 2 ? head.slice(0, space) : head).replace(/[\s,;:.-]+$/, "")}…`;
}

/**
 * The card's summary: whole sentences up to about `target` characters, never more than
 * `max`. A first sentence longer than `max` is cut at a word.
 */
export function summaryOf(text: string, target = 500, max = 700): string {
  if (text.length <= target) return text;
  const sentences = text.match(/[^.!?]+(?:[.!?]+["')\]]*(?=\s|$)|$)\s*/g) ?? [text];
  let out = "";
  for (const s of sentences) {
    if (out && out.length + s.length > target) break;
    out += s;
  }
  out = out.trim();
  return out.length <= max ? out : cutAtWord(out, max);
}
