// Schedule abstracts are HTML (pretalx renders Markdown, Indico stores rich text) or plain
// text. Everything becomes one line of inert plain text: tags, scripts and images gone,
// entities decoded, control and bidi characters removed, whitespace collapsed.
import { compile } from "html-to-text";
import { marked } from "marked";
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
    { selector: "h4", options: { uppercase: false } },
    { selector: "h5", options: { uppercase: false } },
    { selector: "h6", options: { uppercase: false } },
    // "* " would read as leftover Markdown in a one-line summary.
    { selector: "ul", options: { itemPrefix: "• " } },
    { selector: "table", format: "dataTable" },
  ],
};

// Compiled once: convert() would re-read the options for every abstract (most of its cost).
const toText = compile(OPTIONS);

/**
 * Longest input handed to the HTML parser; a longer abstract is cut first. A record keeps
 * at most 20,000 characters of description, and 64,000 of HTML leave room for markup:
 * parsing all of a 200,000-character abstract cost more than the rest of its import.
 */
const MAX_HTML = 64_000;

export function plainText(html: string): string {
  if (!html) return "";
  const cut = html.length > MAX_HTML ? html.slice(0, MAX_HTML) : html;
  // No markup at all: skip the parser (most .ics descriptions, many titles).
  const text = /[<&]/.test(cut) ? toText(cut) : cut;
  return sanitizeInput(text);
}

/** An HTML tag: an abstract with one is HTML (FOSDEM, Indico); without, Markdown or plain. */
const TAG = /<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?\/?>/i;

/**
 * An abstract as plain text. pretalx and frab export abstracts as the speaker typed them,
 * in Markdown ("##### Motivation", "**bold**", "[text](url)", "- item"): those are
 * rendered (marked, CommonMark) before the HTML is turned into text, so no markup is left
 * in a summary. Plain text passes through Markdown unchanged but for its markup.
 */
export function abstractText(source: string): string {
  if (!source) return "";
  const cut = source.length > MAX_HTML ? source.slice(0, MAX_HTML) : source;
  if (TAG.test(cut) || !MARKDOWN.test(cut)) return plainText(cut);
  const md = cut.length > MAX_MARKDOWN ? cut.slice(0, MAX_MARKDOWN) : cut;
  return plainText(marked.parse(md, { async: false, gfm: true }));
}

/**
 * Longest Markdown rendered (what follows is dropped, like text past a record's 20,000
 * characters of description). Dense markup is dear: a 64,000-character list took 0.48 s
 * to render and turn into text; at 12,000 characters it is 0.05-0.2 s on a busy
 * 2-core machine. Real abstracts (0.5-3 KB) cost about a millisecond.
 */
const MAX_MARKDOWN = 12_000;

/** Cheap test for Markdown syntax worth rendering: emphasis, headings, links, lists, code. */
const MARKDOWN = /[*_`#[\]]|^\s*(?:[-+>]|\d+[.)])\s/m;

/** How much of its start two texts share for the shorter to count as said by the longer. */
const SAME_START = 100;

/**
 * An abstract and a description as one text, each said once. Speakers often paste the
 * abstract into the description too, whole or as its first paragraph (3-7% of the talks of
 * 31C3, 36C3, 38C3 and FOSDEM 2021): the longer text alone then, when it holds the shorter
 * or both open with the same 100 characters.
 */
export function joinTexts(abstract: string, description: string): string {
  if (!abstract || !description) return abstract || description;
  const [short, long] =
    abstract.length <= description.length ? [abstract, description] : [description, abstract];
  const fold = (t: string) => t.toLowerCase().replace(/\s+/g, " ");
  const s = fold(short);
  const l = fold(long);
  if (l.includes(s) || (s.length >= SAME_START && l.startsWith(s.slice(0, SAME_START))))
    return long;
  return `${abstract} ${description}`;
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

const sentences = new Intl.Segmenter("en", { granularity: "sentence" });
/** Opening punctuation at a segment's end ("[", "(", "„"), with the spaces after it. */
const OPENING = /\p{Ps}+\s*$/u;

/**
 * Abbreviations after which the segmenter breaks but a sentence goes on ("ca. 20",
 * "etc. and", "z. B."): a summary never ends on one. Intl.Segmenter (ICU) has no
 * suppression list of its own in Node, hence this short one.
 */
const ABBREVIATION =
  /(?:^|[\s(])(?:ca|etc|e\.g|i\.e|cf|vs|approx|incl|esp|z\.\s?B|u\.\s?a|bzw|usw|ggf|vgl|Nr|Dr|Prof|Mr|Mrs|Ms|St|No|Fig)\.\s*$/i;

/**
 * The card's summary: whole sentences from the start of the text up to about `target`
 * characters, never more than `max`; a first sentence longer than `max` is cut at a
 * word. Sentences are Intl.Segmenter's (versions, URLs, "e.g." and "10.000" do not end
 * one). Only the first 4 × `max` characters are segmented, so a 200,000-character
 * abstract without a sentence end costs no more than a short one.
 */
export function summaryOf(text: string, target = 500, max = 700): string {
  if (text.length <= target) return text;
  const head = text.slice(0, max * 4);
  let out = "";
  let pending = ""; // a segment that ends on an abbreviation: it goes on in the next one
  for (const { segment, index } of sentences.segment(head)) {
    // The last segment of a cut head may be half a sentence: it counts only if whole.
    if (index + segment.length === head.length && head.length < text.length) break;
    pending += segment;
    if (ABBREVIATION.test(pending.trimEnd())) continue;
    // ICU counts opening brackets and quotes as a sentence's closing punctuation:
    // "hardware.[2] This" breaks after "[". The bracket opens the next sentence.
    // Only the tail is tested: the expression is quadratic on a long run of brackets.
    const opening = OPENING.exec(pending.slice(-32))?.[0] ?? "";
    pending = pending.slice(0, pending.length - opening.length);
    if (out && out.length + pending.length > target) break;
    out += pending;
    pending = opening;
    if (out.length >= target) break;
  }
  out = out.trim() || head.trim();
  return out.length <= max ? out : cutAtWord(out, max);
}
