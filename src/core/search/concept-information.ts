// How much each concept of a query tells, from the catalog being searched: the idf of
// the talks that match it, lowered for what a question says around its subject (everyday
// words, plain words no talk is named by, a long question's plain words). Acceptance
// (concepts.ts) decides from these which concepts a talk must match.

import type { PostingList } from "./index/postings.ts";
import { idf, RANKING } from "./index/ranking.ts";
import type { Concept } from "./query/compile.ts";
import { fieldVocabulary } from "./query/concept.ts";
import { SHARED_ROUTE } from "./query/routes.ts";

/** Each concept's information, and what acceptance needs of how it was worked out. */
export interface ConceptInformation {
  /** Each concept's information (conceptInfo), lowered where said around the subject. */
  readonly info: number[];
  /** Per concept, whether its information was lowered as said around the subject. */
  readonly aside: boolean[];
  /** Per concept, whether it was lowered as a long question's plain word (RANKING.plainInfo). */
  readonly plain: boolean[];
  /** Whether the question says the domain's vocabulary or setting. */
  readonly domain: boolean;
  /** The information of a word the catalog lacks: as informative as a word can be. */
  readonly unseen: number;
  /**
   * Per concept, whether it is a keyword question's setting word lowered beside its subject
   * (settingBesideSubject): it no longer leads, yet must still match as it did when it led.
   */
  readonly beside: boolean[];
}

/**
 * What matching a concept tells: the idf of the talks that match it, estimated as the
 * most talks any one alternative can match (an alternative of several words matches at
 * most as many as its rarest word). A concept a common synonym can match tells little.
 * An alternative another concept scores (routes.ts: it only matches here) says nothing
 * of this one: in "manage a bunch of vms with libvirt", "libvirt" leads to "management"
 * too, and counting that common word made libvirt look common and "bunch" the subject.
 */
function conceptInfo(c: Concept, postings: ReadonlyMap<string, PostingList>, N: number): number {
  const top = Math.max(...c.alternatives.map((alt) => alt.weight));
  const own = c.alternatives.filter((alt) => alt.weight > top * SHARED_ROUTE);
  let df = 0;
  for (const alt of own.length > 0 ? own : c.alternatives) {
    let rarest = N;
    for (const t of alt.terms) rarest = Math.min(rarest, postings.get(t)?.length ?? 0);
    df = Math.max(df, rarest);
  }
  // A synonym left out as read in another sense here (other-sense.ts) still counts: it
  // narrows what matches, not what acceptance asks ("sandbox" without "security" in a
  // small catalog let a stray talk answer an off-topic question).
  for (const o of c.otherSenses ?? []) df = Math.max(df, o.talks);
  // No alternative the catalog has: as informative as a word can be (and it cannot match).
  return idf(df, N);
}

/**
 * Keywords ("qemu io_uring") are each what was asked for: only in a sentence, with more
 * words around its subject, may a plain word be what is incidental.
 */
export function sentence(concepts: readonly Concept[]): boolean {
  return words(concepts) >= RANKING.knownSubjectWords;
}

/** The words a query's concepts were typed with (labels), ranking-only ones aside. */
export function words(concepts: readonly Concept[]): number {
  let n = 0;
  for (const c of concepts) if (!c.support) n += c.label.split(" ").length;
  return n;
}

/** Each concept's information, lowered for what is said around the question's subject. */
export function conceptInformation(
  concepts: readonly Concept[],
  postings: ReadonlyMap<string, PostingList>,
  N: number,
): ConceptInformation {
  // Everyday words tell less beside a subject ("sharing" a gpu); alone they are the subject.
  const subject = concepts.some((c) => !c.everyday && !c.support);
  // So do plain words no talk is named by beside words talks are named by, in a sentence
  // of the domain: "bunch", "lately" and "terrible" are what is said around its subject.
  // (Not in one outside it: "sourdough" is what "best sourdough bread recipe" asks.)
  const domain = concepts.some((c) => (c.known || c.setting) && !c.support);
  const aside =
    domain && sentence(concepts) && concepts.some((c) => (c.known || c.named) && !c.support);
  const unseen = idf(0, N);
  // A long question in the field's words says what is asked in its vocabulary and the
  // asker's own setup in plain words: "we run openstack on ampere servers and our guests
  // stall, any talk on halt polling?" asks about halt polling. A plain word there is rare
  // for being incidental, not for being asked: it tells less (it still ranks, for less).
  const told =
    domain && words(concepts) >= RANKING.longQuestionWords && concepts.some(fieldVocabulary);
  const lowered = concepts.map(() => false);
  const plainWords = concepts.map(() => false);
  const info = concepts.map((c, i) => {
    if (c.support) return 0;
    const own = conceptInfo(c, postings, N);
    // (A word the catalog lacks is never only said around the subject: see knownSubject.)
    const around = c.everyday || (aside && c.named === false && own < unseen);
    lowered[i] = subject && Boolean(around);
    if (lowered[i]) return own * RANKING.everydayInfo;
    plainWords[i] = told && !c.known && !c.setting && !c.phrase && own < unseen;
    return own * (plainWords[i] ? RANKING.plainInfo : 1);
  });
  const beside = settingBesideSubject(concepts, info);
  return { info, aside: lowered, plain: plainWords, domain, unseen, beside };
}

/**
 * In keywords, a plain word of the VM setting ("qemu", "xen", "vms") that is rarer than the
 * subject it is set in tells only SETTING_BESIDE of what the subject does: "xen schedular" asks
 * about scheduling, "qemu mirgation" about migration. By rarity alone the hypervisor's
 * name was the subject: required, and a title naming it named most of the question. (Not
 * a compound: "rust-vmm" names a project, not the setting.)
 */
function settingBesideSubject(concepts: readonly Concept[], info: number[]): boolean[] {
  const beside = concepts.map(() => false);
  if (sentence(concepts)) return beside;
  let subject = 0;
  concepts.forEach((c, i) => {
    if (!c.support && !c.setting && !c.everyday && !c.phrase) subject = Math.max(subject, info[i]!);
  });
  if (subject <= 0) return beside;
  concepts.forEach((c, i) => {
    if (!c.setting || c.known || c.support || c.alternatives.some((a) => a.compound)) return;
    // Only a word that led (the subject by rarity alone) is lowered, and stays required as
    // it was; one a little commoner than the subject never led and is left as it was.
    if (info[i]! <= subject) return;
    info[i] = subject * SETTING_BESIDE;
    beside[i] = true;
  });
  return beside;
}

/** The most a setting word tells beside a keyword question's subject, as a share of it. */
const SETTING_BESIDE = 0.8;
