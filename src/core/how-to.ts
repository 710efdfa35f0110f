// How-to questions about the bot ("how do I search by year?", "can you filter by event",
// "how do i subscribe"): an opener, a verb of using the bot, then only words that name
// what the bot offers. They get the help; any other word ("how do i find talks about
// numa", "how to use vfio") leaves the message to the search. The words are data
// (data/small-talk.json, `howTo`); small-talk.ts reads them. Pure.

export interface HowTo {
  /** Openers as their words ("how do i" → ["how", "do", "i"]), longest first. */
  readonly openers: readonly (readonly string[])[];
  readonly verbs: ReadonlySet<string>;
  readonly objects: ReadonlySet<string>;
}

/** The file's how-to words, each split and folded by `words` as the messages are. */
export function buildHowTo(
  data: { readonly openers: readonly string[]; readonly verbs: string; readonly objects: string },
  words: (text: string) => string[],
): HowTo {
  return {
    openers: data.openers.map(words).sort((a, b) => b.length - a.length),
    verbs: new Set(words(data.verbs)),
    objects: new Set(words(data.objects)),
  };
}

/** Whether a message's words (split and folded) are a how-to question about the bot. */
export function isHowTo(words: readonly string[], howTo: HowTo): boolean {
  const { openers, verbs, objects } = howTo;
  const opener = openers.find((o) => o.every((w, i) => words[i] === w));
  if (!opener) return false;
  const [verb, ...rest] = words.slice(opener.length);
  if (verb === undefined || !verbs.has(verb)) return false;
  // "how to use this" asks about the bot, "how to use vfio" does not: every word after
  // the verb names a feature ("speakers" as "speaker").
  return rest.every((w) => objects.has(w) || (w.endsWith("s") && objects.has(w.slice(0, -1))));
}
