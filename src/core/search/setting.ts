// A question that states its virtualization setting ("move a running vm", "my guest", "on
// KVM") is asked by someone running VMs: of the talks that match its subject, those that
// carry virtualization (a VM, a guest, a hypervisor or a hypervisor's name anywhere in the
// talk) answer it better than those matching the subject in another field (container live
// migration, a USB storage gateway). A soft preference, never a filter: a talk without the
// setting still answers when nothing better does. The words are chat-words.json `context`.
import type { SearchIndex } from "./index/build.ts";
import { valueAt } from "./index/intersect.ts";
import type { ChatLanguage } from "./query/chat-language.ts";
import { type Concept, typedStems } from "./query/concept.ts";
import type { SynonymTable } from "./query/synonyms.ts";

export const SETTING = Object.freeze({
  /**
   * Score multiplier of a candidate that carries none of the setting the question states,
   * where nearly half the catalog carries it; where few talks do (a whole conference's
   * catalog), stating it says more, down to `rare` (see missingFactor).
   */
  missing: 0.8,
  rare: 0.5,
  /**
   * Where at least this share of the catalog's talks carries the setting (a catalog of
   * virtualization talks), stating it tells nothing: no preference.
   */
  everywhere: 0.5,
  /**
   * A word is the field's own (fieldOwn) where at least this share of the catalog's talks
   * saying it carry the setting ("osv" 0.4, "kata" 0.8 in a large conference's catalog),
   * not one every field says ("cpu" 0.24, "latency", "windows", "bytecode" about 0.2).
   */
  own: 0.3,
  /**
   * In a sentence beside a word read in another field's sense ("the BEAM vm"), a word keeps
   * the question in the field only where at least this share of its talks carry the
   * setting: the other field's asker says "cpu schedulers" (0.44 in a large conference's
   * catalog) of the runtime, not of VMs; "numa" (0.73), "unikraft" (0.69) stay the field's.
   */
  ownBesideOther: 0.5,
  /** The longest setting phrase looked for among a question's words ("virtual machine monitor"). */
  longest: 3,
});

/**
 * Whether the question's words (the concepts' labels, as typed) state the setting. Of a
 * synonym phrase, only a hypervisor's name (or other implying jargon) does: "confidential
 * vms" is confidential computing, and a talk on it says so in any of the group's words, VM
 * or not (a lay phrase, "move a running vm", leads to broader jargon, live migration,
 * which containers have too).
 */
export function statesSetting(
  concepts: readonly Concept[],
  language: ChatLanguage,
  synonyms: SynonymTable,
): boolean {
  const asked = language.setting.asked;
  if (asked.size === 0) return false;
  for (const c of concepts) {
    if (c.phrase) continue;
    const stems = typedStems(c);
    const key = stems.join(" ");
    if (asked.has(key)) return true;
    // In a synonym phrase only a name states it: "qemu tcg" is QEMU's code generator, not
    // the Trusted Computing Group's TCG a TPM talk names; "confidential vms" says no more
    // than confidential computing.
    const stating =
      stems.length > 1 && synonyms.groupsByPhrase.has(key) ? language.setting.named : asked;
    for (let i = 0; i < stems.length; i++)
      for (let n = 1; n <= SETTING.longest && i + n <= stems.length; n++)
        if (stating.has(stems.slice(i, i + n).join(" "))) return true;
  }
  return false;
}

/** Per index, a byte per talk: 1 when the talk carries the setting. Built once, on first use. */
const carriers = new WeakMap<SearchIndex, Uint8Array | null>();

/**
 * The talks that carry the setting (a talk holds every stem of one of its phrases), or
 * null where nearly every talk does. Once per index: a union of a few dozen posting lists.
 */
export function settingCarriers(index: SearchIndex, language: ChatLanguage): Uint8Array | null {
  if (carriers.has(index)) return carriers.get(index)!;
  const carries = holding(index, language.setting.carried);
  let count = 0;
  for (const c of carries) count += c;
  const N = index.talks.length;
  const out = N === 0 || count >= SETTING.everywhere * N ? null : carries;
  carriers.set(index, out);
  return out;
}

/** A byte per talk: 1 when the talk holds every stem of one of the phrases `phrases`. */
function holding(index: SearchIndex, phrases: readonly (readonly string[])[]): Uint8Array {
  const N = index.talks.length;
  const carries = new Uint8Array(N);
  const seen = new Uint8Array(N);
  for (const terms of phrases) {
    seen.fill(0);
    for (const [k, t] of terms.entries()) {
      const list = index.postings.get(t);
      if (!list) {
        seen.fill(0);
        break;
      }
      for (let i = 0; i < list.length; i++) {
        const d = list.docs[i]!;
        if (seen[d] === k) seen[d] = k + 1;
      }
    }
    for (let d = 0; d < N; d++) if (seen[d] === terms.length) carries[d] = 1;
  }
  return carries;
}

/** Per index and loose-word set, the talks carrying the setting in the field's own words. */
const ownCarriersOf = new WeakMap<SearchIndex, WeakMap<ReadonlySet<string>, Uint8Array>>();

/**
 * The talks that carry the setting through a phrase with a stem other than the `loose`
 * ones (field-senses.json `looseInTalks`): a VM, a hypervisor, KVM, QEMU, not only
 * "virtual" (the stem of "virtualization" too: a virtual museum tour carries the setting)
 * or "guest" (a guest lecture). Once per index and list, a union of posting lists.
 */
export function ownCarriers(
  index: SearchIndex,
  language: ChatLanguage,
  loose: ReadonlySet<string>,
): Uint8Array {
  let byList = ownCarriersOf.get(index);
  if (!byList) {
    byList = new WeakMap();
    ownCarriersOf.set(index, byList);
  }
  let out = byList.get(loose);
  if (!out) {
    const own = language.setting.carried.filter((terms) => !terms.every((t) => loose.has(t)));
    out = holding(index, own);
    byList.set(loose, out);
  }
  return out;
}

/**
 * The score multiplier for a candidate: 1, or missingFactor for a talk that carries
 * none of the setting the question states. `carriers` from settingCarriers, or null.
 */
export function settingFactor(carriers: Uint8Array | null, stated: boolean, doc: number): number {
  return stated && carriers && carriers[doc] === 0 ? missingFactor(carriers) : 1;
}

/**
 * The multiplier of a talk without the setting, by the share of the catalog that carries
 * it: in a catalog of a whole conference, where one talk in ten is about VMs, a question
 * saying "hypervisor" is rarely answered by a CI talk of another field, however well it
 * matches "regressions"; in one of virtualization talks most carry the setting anyway.
 * Linear from SETTING.rare (no talk carries it) to SETTING.missing (at `everywhere`).
 */
export function missingFactor(carriers: Uint8Array): number {
  const share = carriers.length ? carrierCount(carriers) / carriers.length : 0;
  const towards = Math.min(1, share / SETTING.everywhere);
  return SETTING.rare + (SETTING.missing - SETTING.rare) * towards;
}

const carrierCounts = new WeakMap<Uint8Array, number>();

/** How many talks carry the setting, counted once per index's carriers. */
function carrierCount(carriers: Uint8Array): number {
  let count = carrierCounts.get(carriers);
  if (count === undefined) {
    count = 0;
    for (const c of carriers) count += c;
    carrierCounts.set(carriers, count);
  }
  return count;
}

/**
 * Whether a talk is outside the field where the field is a minority of the catalog (a
 * whole conference's): it carries none of the setting. Never in a catalog where no talk
 * carries it: there nothing tells the field from the rest. `carriers` from settingCarriers.
 */
export function offField(carriers: Uint8Array | null, doc: number): boolean {
  return carriers !== null && carriers[doc] === 0 && minorityField(carriers);
}

/**
 * Whether VMs are a minority of the catalog (a whole conference's) that has some: the
 * catalogs where offField can turn a talk away. Not one of virtualization talks (null).
 */
export function minorityField(carriers: Uint8Array | null): boolean {
  return carriers !== null && carrierCount(carriers) > 0;
}

/**
 * Whether the stems `terms` are the field's own in this catalog: at least SETTING.own of
 * the talks holding them all carry the setting ("osv", "gvisor": talks saying them are
 * about VMs), unlike the vocabulary every field shares ("cpu", "latency", "windows",
 * "garbage collector"). `carriers` from settingCarriers, not null.
 */
export function fieldOwn(
  index: SearchIndex,
  carriers: Uint8Array,
  terms: readonly string[],
  share: number = SETTING.own,
): boolean {
  const lists = terms.map((t) => index.postings.get(t));
  if (lists.length === 0 || !lists.every((l) => l !== undefined)) return false;
  const [first, ...rest] = [...lists].sort((a, b) => a!.length - b!.length);
  let holding = 0;
  let carrying = 0;
  for (let i = 0; i < first!.length; i++) {
    const doc = first!.docs[i]!;
    if (rest.some((l) => valueAt(l!, doc) === 0)) continue;
    holding++;
    carrying += carriers[doc]!;
  }
  return holding > 0 && carrying >= share * holding;
}
