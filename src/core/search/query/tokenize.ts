// Turns text into search terms: folded, split into words, stop words dropped, stemmed.
// Compounds and identifiers ("SR-IOV", "post-copy", "I/O", "io_uring", "virtio.net",
// "x86_64") are indexed both joined ("sriov", "iouring") and as parts, so either spelling
// of the query finds them, and an identifier stays one concept of a query.
import { LRUCache } from "lru-cache";
import { stemmer } from "stemmer";
import { fold } from "../../sanitize.ts";

const STOP_WORDS = new Set(
  (
    "a an and are as at be but by do does for from has have how i in into is it its me my of on or our " +
    "that the their this to us was we were what when which who why will with you your about any some " +
    "talk talks presentation session vs via show find search please " +
    // What is left of a contraction once the apostrophe splits it ("we're", "doesn't").
    "re ve ll doesn didn isn aren wasn weren hasn haven couldn shouldn wouldn"
  ).split(" "),
);

/**
 * Nouns the Porter stemmer folds into an everyday word of another meaning: "containers"
 * into "contain" (so `containers` found every abstract that "contains" something),
 * "operators" into "oper" (operating, operation). They keep a stem of their own, the one
 * their longer forms already get ("containerized" → "container").
 */
const OWN_STEMS: ReadonlyMap<string, string> = new Map([
  ["container", "container"],
  ["containers", "container"],
  ["operator", "operator"],
  ["operators", "operator"],
]);

/**
 * The stem of one folded word. Short words and words with digits are kept whole. (No
 * cache: the index build stems each distinct word once through its word table, and a
 * cache showed no gain in bench:search at 10,000 talks.)
 */
export function stem(word: string): string {
  const own = OWN_STEMS.get(word);
  if (own) return own;
  const american = word.replace(/isation/g, "ization").replace(/ising$/, "izing");
  return american.length < 4 || /\d/.test(american) ? american : stemmer(american);
}

/** Stems of words questions used lately (see queryStem). Bounded: questions may say anything. */
const recentStems = new LRUCache<string, string>({ max: 50_000 });

/**
 * stem(), remembered: for questions, not the index build (which stems each distinct word
 * once). A question's words are stemmed several times over (resolving, a name's talks, a
 * title's terms), and the Porter stemmer's regular expressions were ~10% of what a long
 * question allocated; the same words come back question after question.
 */
export function queryStem(word: string): string {
  let s = recentStems.get(word);
  if (s === undefined) {
    s = stem(word);
    recentStems.set(word, s);
  }
  return s;
}

/** One word of the text as typed (folded), with its parts when it is a compound. */
export interface RawWord {
  readonly surface: string;
  readonly parts: readonly string[];
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}\p{M}]/u;

function isWordChar(c: number, ch: string): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
  return LETTER_OR_DIGIT.test(ch);
}

const isAsciiLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);

const wordCharAt = (text: string, i: number) =>
  i >= 0 && i < text.length && isWordChar(text.charCodeAt(i), text[i]!);

/**
 * Whether the character at `i` joins the words either side into one compound: "-", "/"
 * and "_" before a word character ("io_uring"), "." between letters ("virtio.net", not
 * "2.6" or the end of a sentence), and an apostrophe after a lone letter before a word
 * of three letters or more: "O'Connor" is also "OConnor" (typed without it) and still
 * "Connor" ("O Connor"), while "I'm", "I've", "it's", "don't" stay as they were.
 */
export function joinsAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c === 45 || c === 47 || c === 95) return wordCharAt(text, i + 1);
  if (c === 39 || c === 0x2019)
    return (
      isAsciiLetter(text.charCodeAt(i - 1)) &&
      !wordCharAt(text, i - 2) &&
      wordCharAt(text, i + 1) &&
      wordCharAt(text, i + 2) &&
      wordCharAt(text, i + 3)
    );
  return c === 46 && isAsciiLetter(text.charCodeAt(i - 1)) && isAsciiLetter(text.charCodeAt(i + 1));
}

/**
 * Calls `onWord` for each word of the text, folded; compounds (see joinsAt) come as one
 * word with their parts. A hand-rolled scan rather than a Unicode regex:
 * indexing a 100,000-talk catalog spends most of its time here.
 */
export function forEachWord(
  text: string,
  onWord: (surface: string, parts: readonly string[] | null) => void,
): void {
  const lower = text.toLowerCase();
  const n = lower.length;
  let i = 0;
  while (i < n) {
    while (i < n && !isWordChar(lower.charCodeAt(i), lower[i]!)) i++;
    if (i >= n) break;
    let parts: string[] | null = null;
    let start = i;
    let ascii = true;
    let word = "";
    for (;;) {
      while (i < n) {
        const c = lower.charCodeAt(i);
        if (!isWordChar(c, lower[i]!)) break;
        if (c >= 128) ascii = false;
        i++;
      }
      const piece = lower.slice(start, i);
      const joins = i < n && joinsAt(lower, i);
      if (!joins && parts === null) {
        word = piece;
        break;
      }
      parts ??= [];
      parts.push(piece);
      if (!joins) break;
      i++;
      start = i;
    }
    if (parts) {
      const folded = ascii ? parts : parts.map(fold);
      onWord(folded.join(""), folded);
    } else {
      onWord(ascii ? word : fold(word), null);
    }
  }
}

export function rawWords(text: string): RawWord[] {
  const out: RawWord[] = [];
  forEachWord(text, (surface, parts) => out.push({ surface, parts: parts ?? [] }));
  return out;
}

/**
 * Terms to index for a text, in order: each word's stem, and for compounds the joined
 * stem followed by the parts' stems. Stop words and lone letters are dropped.
 */
export function indexTerms(text: string, out: string[] = []): string[] {
  forEachWord(text, (surface, parts) => {
    if (keep(surface)) out.push(stem(surface));
    if (parts) for (const p of parts) if (keep(p)) out.push(stem(p));
  });
  return out;
}

/** Words worth a term: not stop words, and not lone letters (lone digits are: "usb 3"). */
export function keep(word: string): boolean {
  return (word.length > 1 || /\d/.test(word)) && !STOP_WORDS.has(word);
}

/** Stems of a phrase's words in order, for phrase matching (compounds joined). */
export function phraseTerms(text: string): string[] {
  return rawWords(text)
    .filter((w) => keep(w.surface))
    .map((w) => stem(w.surface));
}
