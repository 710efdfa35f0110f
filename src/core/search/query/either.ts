// "vhost-net or dpdk vhost-user?": a question that names things as alternatives is
// answered by a talk on any one of them. Which words stand after an "or"
// (compile.ts marks their concepts `either`; concepts.ts counts such concepts as one).
import type { Concept } from "./concept.ts";
import { keep, type RawWord, rawWords } from "./tokenize.ts";

/** The word that joins alternatives. */
const JOINER = "or";

/**
 * Per word kept for the query (those `keep` accepts, in order): whether a joiner stands
 * between it and the word kept before it.
 */
export function afterJoiner(raw: readonly RawWord[]): boolean[] {
  const out: boolean[] = [];
  let joined = false;
  for (const w of raw) {
    if (w.surface === JOINER) joined = out.length > 0;
    else if (keep(w.surface)) {
      out.push(joined);
      joined = false;
    }
  }
  return out;
}

/**
 * The query's words (the request's, joined with spaces) with each listed alternative
 * joined by "or": in "hugepages, numa or pinning" the list's commas say "or" too, not
 * only the "or" between its last two. An item is one word, and the list ends in "or".
 * (The grammar reads a lone "/" between words as "or" already: search-request.ts.)
 */
export function joinedAlternatives(text: string, raw: readonly RawWord[]): readonly RawWord[] {
  if (!text.includes(",")) return raw;
  const tokens = text.split(/\s+/);
  const listed = new Set<number>();
  tokens.forEach((t, j) => {
    if (t.toLowerCase() !== JOINER || j < 2) return;
    for (let m = j - 2; m >= 0 && tokens[m]!.endsWith(",") && tokens[m]!.length > 1; m--)
      listed.add(m);
  });
  if (listed.size === 0) return raw;
  return rawWords(tokens.flatMap((t, j) => (listed.has(j) ? [t, JOINER] : [t])).join(" "));
}

/**
 * The concepts joined by "or" (compile.ts marks each one after a joiner `either`), as
 * groups of two or more concept indices. Phrases and ranking-only concepts stand apart.
 */
export function eitherGroups(concepts: readonly Concept[]): number[][] {
  const groups: number[][] = [];
  let last = -1;
  let open: number[] | null = null;
  concepts.forEach((c, i) => {
    if (c.support || c.phrase) return;
    if (c.either && last >= 0) {
      if (!open) {
        open = [last];
        groups.push(open);
      }
      open.push(i);
    } else open = null;
    last = i;
  });
  return groups;
}

/**
 * The concepts asked as one thing: alternatives joined by "or" (eitherGroups) and a thing
 * said twice ("uefi secure boot … secure boot", "virtual tpm … vtpm": routes.ts marks the
 * second `restates`), merged where they share a concept. A long question restates its
 * subject in other words; counted twice, it outweighed the rest of what was asked, and a
 * talk naming it once in both words outranked those on the rest.
 */
export function askedGroups(concepts: readonly Concept[], restated = true): number[][] {
  const group = concepts.map((_, i) => i);
  const join = (a: number, b: number) => {
    const from = group[a]!;
    const to = group[b]!;
    for (let i = 0; i < group.length; i++) if (group[i] === from) group[i] = to;
  };
  for (const g of eitherGroups(concepts)) for (const i of g) join(i, g[0]!);
  concepts.forEach((c, i) => {
    const r = c.restates;
    if (
      restated &&
      r !== undefined &&
      !c.support &&
      !c.phrase &&
      concepts[r] &&
      !concepts[r].support
    )
      join(i, r);
  });
  const members = new Map<number, number[]>();
  group.forEach((g, i) => {
    members.set(g, [...(members.get(g) ?? []), i]);
  });
  return [...members.values()].filter((g) => g.length >= 2);
}

/** What a question asks, concept by concept: of alternatives, only the most informative counts. */
export function askedInfo(info: readonly number[], groups: readonly number[][]): number[] {
  const asked = [...info];
  for (const g of groups) {
    const best = g.reduce((b, i) => (info[i]! > info[b]! ? i : b), g[0]!);
    for (const i of g) if (i !== best) asked[i] = 0;
  }
  return asked;
}
