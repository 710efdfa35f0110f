// A search that names a person and nothing else ("anything from Avi?", "what did Rik
// talk about", "Kevin O'Connor") asks for the talks that person gave, like speaker:NAME:
// a talk whose abstract mentions them ("along the lines Avi proposed") does not answer it.

import type { SearchIndex } from "../index/build.ts";
import type { ChatLanguage } from "./chat-language.ts";
import { keep, queryStem, rawWords } from "./tokenize.ts";

/**
 * A word is taken for a name only when at least this share of the talks holding it have it
 * in their speakers: "kevin", "avi" are names; "team", "rust", "foundation" are in some
 * speakers' names but mostly words.
 */
const NAME_SHARE = 0.25;

/** Name words a query may have, at most: more is a sentence, not a name. */
const MAX_NAME_WORDS = 4;

/**
 * The talks whose speakers hold every word the query asks for, when all those words are
 * names (see NAME_SHARE; everyday words never are) and some talk has them all; else null.
 * Chat filler around them is left out ("anything", "did"), unless it is part of a name
 * beside another one ("he qing").
 */
export function personTalks(
  words: readonly string[],
  index: SearchIndex,
  language: ChatLanguage,
): ReadonlySet<number> | null {
  const kept = rawWords(words.join(" "))
    .map((w) => w.surface)
    .filter(keep);
  const nameParts = kept.filter((w) => index.speakerParts.has(w)).length;
  const content = kept.filter(
    (w) => !language.filler.has(queryStem(w)) || (nameParts > 1 && index.speakerParts.has(w)),
  );
  if (content.length === 0 || content.length > MAX_NAME_WORDS) return null;
  let talks: ReadonlySet<number> | null = null;
  for (const w of content) {
    const docs = index.speakerParts.get(w);
    if (!docs || language.common.has(w)) return null;
    const anywhere = index.postings.get(queryStem(w))?.length ?? 0;
    if (docs.length < NAME_SHARE * anywhere) return null;
    talks = within(docs, talks);
  }
  return talks && talks.size > 0 ? talks : null;
}

/** The talks of `docs` that are also in `soFar` (all of them when there is none yet). */
function within(docs: Int32Array, soFar: ReadonlySet<number> | null): ReadonlySet<number> {
  return new Set(soFar ? docs.filter((d) => soFar.has(d)) : docs);
}
