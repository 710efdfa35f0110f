// A talk or a page of the asker's last listing, as people ask for it: "show 3", "#3", "the
// second one", "page 2", "go back"; and one counted from 0 ("show 0"), which no listing has.
// Whole messages only, as command-phrases.ts reads them. Pure.
import { commandText } from "./command-phrases.ts";

const ORDINALS = [
  "first",
  "second",
  "third",
  "fourth",
  "fifth",
  "sixth",
  "seventh",
  "eighth",
  "ninth",
  "tenth",
];
const ORDINAL = `(${ORDINALS.join("|")}|\\d{1,3}(?:st|nd|rd|th))`;
const SHOW =
  "(?:(?:show|open|expand|details?|tell\\s+me\\s+about|more\\s+(?:on|about))(?:\\s+(?:me|us))?(?:\\s+(?:of|on|for))?\\s+)";
const NUMBERED = "(?:(?:talk|result|number|item|no\\.?|#)\\s*)";

/** One talk of the last listing by its number, or a page of it, as people ask for it. */
export type PickPhrase =
  | { readonly kind: "pick"; readonly index: number; readonly bare: boolean }
  | { readonly kind: "page"; readonly page: number }
  /** The page before the one last shown; `bare` ("back") only when there is a listing. */
  | { readonly kind: "previous"; readonly bare: boolean };

/** What a phrase numbered 0 ("show 0", "#0", "page 0") asked for; null: searched as written. */
type Zero = "talk" | "page" | null;

const PICKS: readonly (readonly [RegExp, (m: RegExpExecArray) => PickPhrase | null, Zero])[] = [
  // "show 3", "show #3", "open talk 2", "details of 3", "#2", "number 2", "talk 3"
  [
    new RegExp(`^${SHOW}(?:the\\s+)?${NUMBERED}?(\\d{1,3})$`),
    (m) => pick(Number(m[1]), false),
    "talk",
  ],
  [new RegExp(`^${NUMBERED}(\\d{1,3})$`), (m) => pick(Number(m[1]), false), "talk"],
  // "the second one", "show me the 3rd talk", "first one"
  [
    new RegExp(`^${SHOW}?(?:the\\s+)?${ORDINAL}(?:\\s+(?:one|talk|result))?$`),
    (m) => pick(ordinal(m[1]!), false),
    "talk",
  ],
  // "page 2", "go to page 2", "show page 2"
  [
    /^(?:(?:go\s+to|show(?:\s+me)?|open)\s+)?page\s+(\d{1,3})$/,
    (m) => (Number(m[1]) >= 1 ? { kind: "page", page: Number(m[1]) } : null),
    "page",
  ],
  // "previous page", "go back", "prev"; "back" or "previous" alone only after a listing.
  [
    /^(?:(?:show|go\s+to|go)\s+)?(?:the\s+)?(?:previous|prev|last)\s+(?:page|results|ones|few)$|^go\s+back$/,
    () => ({ kind: "previous", bare: false }),
    null,
  ],
  [/^(?:back|previous|prev)$/, () => ({ kind: "previous", bare: true }), null],
  // A number alone: a pick only when there is a listing to pick from (turn.ts).
  [/^(\d{1,2})$/, (m) => pick(Number(m[1]), true), null],
];

const pick = (index: number, bare: boolean): PickPhrase | null =>
  index >= 1 ? { kind: "pick", index, bare } : null;

function ordinal(word: string): number {
  const n = ORDINALS.indexOf(word);
  return n >= 0 ? n + 1 : Number.parseInt(word, 10);
}

/** "show 3", "#3", "the second one", "page 2": a talk or a page of the last listing. */
export function pickPhrase(text: string): PickPhrase | null {
  const plain = commandText(text);
  for (const [pattern, read] of PICKS) {
    const m = pattern.exec(plain);
    if (m) return read(m);
  }
  return null;
}

/**
 * "show 0", "#0", "the 0th one", "page 0": a talk or page counted from 0, which no listing
 * has (searched as words, "#0" found talks that merely say "0"). A 0 alone stays a search.
 */
export function zeroPhrase(text: string): "talk" | "page" | null {
  const plain = commandText(text);
  for (const [pattern, read, zero] of PICKS) {
    const m = pattern.exec(plain);
    if (m) return read(m) === null ? zero : null;
  }
  return null;
}
