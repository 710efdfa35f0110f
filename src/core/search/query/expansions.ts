// The alternatives a word or phrase of a query expands to: the synonyms of a phrase, the
// jargon a lay or broad term leads to, a compound's parts. compile.ts decides which words
// form a concept; this file what each concept may match.

import type { SearchIndex } from "../index/build.ts";
import type { ChatLanguage } from "./chat-language.ts";
import type { Alternative } from "./concept.ts";
import type { StemPhrase, SynonymTable } from "./synonyms.ts";
import type { RawWord } from "./tokenize.ts";
import { commonInCatalog, QUERY_WEIGHTS, type Word } from "./words.ts";

/** Whether two lists of stems are the same (stems hold no spaces: as equal joined). */
function sameTerms(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Alternatives without repeats: the same stems (and adjacency) keep their best weight,
 * at the place of their first. Compared in place, not through joined keys in a Map: a
 * concept has a few dozen alternatives at most, and a long query built thousands of keys.
 */
export function distinct(alternatives: readonly Alternative[]): Alternative[] {
  const out: Alternative[] = [];
  for (const a of alternatives) {
    let at = 0;
    while (
      at < out.length &&
      !(Boolean(out[at]!.adjacent) === Boolean(a.adjacent) && sameTerms(out[at]!.terms, a.terms))
    )
      at++;
    if ((at < out.length ? out[at]!.weight : -1) < a.weight) out[at] = a;
  }
  return out;
}

/**
 * The setting words of a phrase typed beyond the longest other phrase of its group it
 * holds: "kvm" of "arm64 kvm" in a group with "arm64". Such a phrase names a thing of
 * any field in the setting ("kvm on s390"), and the group's other phrases say only the
 * thing: without the setting they answer less of what was asked (an OpenJDK port to
 * AArch64). None where the thing implies the setting itself ("firecracker microvm") or
 * the other words are not the setting's ("balloon driver", "pvh dom0": kinds, parts).
 */
function restOfPhrase(
  typed: readonly string[],
  group: readonly StemPhrase[],
  setting: ReadonlySet<string>,
): string[] {
  if (typed.length < 2 || setting.size === 0) return [];
  let core: readonly string[] = [];
  for (const terms of group)
    if (
      terms.length < typed.length &&
      terms.length > core.length &&
      terms.every((t) => typed.includes(t))
    )
      core = terms;
  if (core.length === 0 || core.some((t) => setting.has(t))) return [];
  const rest = typed.filter((t) => !core.includes(t));
  return rest.every((t) => setting.has(t)) ? rest : [];
}

/**
 * A phrase of a synonym group and the group's other phrases. Phrases of several words
 * must stand together in a talk; one of two words may also stand the other way round,
 * for less ("assignment of devices" for "device assignment", "policies for automatic
 * NUMA" for "NUMA balancing"'s "automatic numa"), but not scattered: "cloud" in one
 * sentence and "hypervisor" in another are not Cloud Hypervisor. A phrase that adds the
 * setting (`setting`, stems) to a thing ("arm64 kvm") keeps it with the thing's other
 * phrases (restOfPhrase).
 */
export function synonymAlternatives(
  typed: readonly string[],
  group: readonly StemPhrase[],
  weight: number,
  setting: ReadonlySet<string> = new Set(),
): Alternative[] {
  const out: Alternative[] = [];
  const rest = restOfPhrase(typed, group, setting);
  for (const terms of group) {
    const own = sameTerms(terms, typed);
    let w = weight * (own ? QUERY_WEIGHTS.typed : QUERY_WEIGHTS.synonym);
    if (rest.length > 0 && !own) {
      // "arm64 kvm" is "aarch64" with "kvm" somewhere in the talk; "aarch64" alone, less.
      if (terms.length === 1) out.push({ terms: [...terms, ...rest], weight: w });
      w *= QUERY_WEIGHTS.withoutRest;
    }
    out.push({ terms, weight: w, adjacent: terms.length > 1, ...(!own && { expansion: true }) });
    if (terms.length === 2)
      out.push({
        terms: [terms[1]!, terms[0]!],
        weight: w * QUERY_WEIGHTS.layWords,
        adjacent: true,
      });
  }
  return out;
}

/**
 * The jargon a lay or broad term leads to, the jargon's synonyms and, one step further,
 * the narrower jargon a broad one leads to ("confidential computing" → SEV), at `weight`.
 */
export function jargonAlternatives(
  jargon: readonly StemPhrase[],
  synonyms: SynonymTable,
  weight: number,
  narrower: ChatLanguage["lay"] | null,
): Alternative[] {
  const out: Alternative[] = [];
  for (const [i, terms] of jargon.entries()) {
    const w = weight * QUERY_WEIGHTS.lay * (i === 0 ? 1 : QUERY_WEIGHTS.layOther);
    const key = terms.join(" ");
    const group = synonyms.groupsByPhrase.get(key);
    if (group) out.push(...synonymAlternatives(terms, group, w));
    else out.push({ terms, weight: w, adjacent: terms.length > 1 });
    const next = narrower?.get(key);
    if (next) out.push(...jargonAlternatives(next, synonyms, w * QUERY_WEIGHTS.layOther, null));
  }
  return out;
}

/**
 * The narrower jargon a broad term with synonyms leads to ("confidential computing" → SEV,
 * "microvm" → Firecracker): kinds of the thing asked, weighted like its synonyms, so the
 * talks named by the broad term come first and a rare product name does not outrank them.
 */
export function narrowerAlternatives(
  narrower: readonly StemPhrase[],
  synonyms: SynonymTable,
  weight: number,
): Alternative[] {
  return jargonAlternatives(narrower, synonyms, weight * QUERY_WEIGHTS.narrower, null);
}

/**
 * A lay term: the jargon it stands for and the jargon's synonyms, and its own words: as
 * typed, standing together, in full ("a virtual network laboratory" says "virtual
 * network"); scattered through a talk, for less.
 */
export function layAlternatives(
  typed: readonly string[],
  jargon: readonly StemPhrase[],
  synonyms: SynonymTable,
  language: ChatLanguage,
  weight: number,
): Alternative[] {
  const led = jargonAlternatives(jargon, synonyms, weight, language.lay);
  if (typed.length === 1) return distinct([{ terms: typed, weight }, ...led]);
  return distinct([
    { terms: typed, weight, adjacent: true },
    { terms: typed, weight: weight * QUERY_WEIGHTS.layWords },
    ...led,
  ]);
}

/**
 * The parts of a compound typed ("sr iov" for "sr-iov"): where they stand together, or
 * inside a compound of the talk ("vhost-user-blk" for "vhost-user"). Apart they are other
 * words: "io" and "ur" anywhere in an abstract are not io_uring, and "post" of "post-GDPR"
 * with a "copy" elsewhere is not postcopy (at 12,000 talks such talks filled the ranks
 * after the few right ones). Words joined by a slash are a list ("qdev/QOM", "tcp/ip"):
 * each may stand anywhere (`raw`: the words as typed; `said`: the query, lower-cased).
 */
export function compoundParts(w: Word, raw: readonly RawWord[], said: string): Alternative[] {
  const weight = w.weight * QUERY_WEIGHTS.parts;
  if (slashed(w, raw, said)) return [{ terms: w.parts, weight }];
  return [{ terms: w.parts, weight, adjacent: true, compound: true }];
}

/** Whether a compound was typed with slashes ("qdev/QOM"). `said`: the query, lower-cased. */
function slashed(w: Word, raw: readonly RawWord[], said: string): boolean {
  const typed = raw.find((r) => r.surface === w.typed);
  return typed !== undefined && said.includes(typed.parts.join("/"));
}

/**
 * A context word's other forms ("host" → guest, hypervisor, KVM) at `weight`: a talk that
 * states the question's setting in other words is not one that ignores it. None in a
 * catalog where the setting is everywhere (a word of it in a quarter of the talks, as in
 * a catalog of virtualization talks): there saying it tells nothing, and the long lists
 * of those words would only cost time.
 */
export function contextAlternatives(
  stems: readonly string[],
  language: ChatLanguage,
  weight: number,
  index: SearchIndex,
): Alternative[] {
  const others = language.context.get(stems.length === 1 ? stems[0]! : stems.join(" "));
  if (!others || others.length === 0) return [];
  const everywhere = (t: readonly string[]) => t.length === 1 && commonInCatalog(t[0]!, index);
  if (everywhere(stems) || others.some(everywhere)) return [];
  return others.map((terms) => ({
    terms,
    weight: weight * QUERY_WEIGHTS.context,
    adjacent: terms.length > 1,
  }));
}
