// Term id → stem, the other way round from the index's termIds: what a check reading a
// talk's word order (term ids) needs to compare its words' spellings (a compound's
// parts inside a longer compound, alternatives.ts). Worked out once per index, when the
// engine builds its tables, not by the first question that needs it.

const named = new WeakMap<ReadonlyMap<string, number>, readonly string[]>();

export function termNames(termIds: ReadonlyMap<string, number>): readonly string[] {
  let names = named.get(termIds);
  if (!names) {
    const out: string[] = new Array(termIds.size);
    for (const [term, id] of termIds) out[id] = term;
    names = out;
    named.set(termIds, names);
  }
  return names;
}
