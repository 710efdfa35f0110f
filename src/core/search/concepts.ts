// Which talks answer a query, from how much each of its concepts tells in the catalog
// being searched (concept-information.ts). No fixed list of "words every talk is about": in a catalog of
// virtualization talks "virtualization" tells little and is optional beside "gpu"; in a
// catalog of a whole conference it is what the question is about, and must match.

import { conceptInformation, sentence, words } from "./concept-information.ts";
import type { EitherGroup } from "./index/either-groups.ts";
import type { PostingList } from "./index/postings.ts";
import { RANKING } from "./index/ranking.ts";
import type { Concept } from "./query/compile.ts";
import { fieldVocabulary } from "./query/concept.ts";
import { askedGroups, askedInfo } from "./query/either.ts";

interface Acceptance {
  /** Each concept's information (concept-information.ts). */
  readonly info: number[];
  readonly totalInfo: number;
  /** The information a talk must match: RANKING.acceptShare of the total. */
  readonly needInfo: number;
  /** The fewest concepts that can carry needInfo (a quick bound for the match set). */
  readonly need: number;
  /** The concepts every answer must match: quoted phrases and the most informative one. */
  readonly requiredMask: number;
  /**
   * When the most informative concept is one of alternatives ("vhost-net or dpdk"): those
   * alternatives, of which an answer must match one (0 when there are none).
   */
  readonly anyMask: number;
  /** The information each concept weighs by: its own, or its alternatives' most (either). */
  readonly weigh: number[];
  /** Concepts said as alternatives: a talk's matched information counts each group once. */
  readonly groups: readonly EitherGroup[];
  /** Per concept, whether its information was lowered as said around the subject. */
  readonly aside: readonly boolean[];
  /** Per concept, whether it was lowered as a long question's plain word (RANKING.plainInfo). */
  readonly plain: readonly boolean[];
  /** The concept taken as the question's subject (most informative, or see knownSubject). */
  readonly subject: number;
  /** A long question of the domain: no one concept is required, only a share (see acceptance). */
  readonly long: boolean;
}

/** The share of its weight concept `i` keeps beside the query's most telling one. */
export function conceptScale(c: Concept, i: number, a: Acceptance): number {
  const most = Math.max(...a.info);
  return c.support ? RANKING.supportWeight : most > 0 ? a.weigh[i]! / most : 1;
}

/**
 * The concepts with each alternative's weight scaled by how much the concept tells beside
 * the query's most telling one: in "security of virtual machines", asked of talks that
 * are all about guests, a talk saying "VM" twice should not outrank one about security.
 */
export function weighted(concepts: readonly Concept[], a: Acceptance): Concept[] {
  return concepts.map((c, i) => {
    const scale = conceptScale(c, i, a);
    return scale === 1
      ? c
      : {
          ...c,
          alternatives: c.alternatives.map((alt) => ({ ...alt, weight: alt.weight * scale })),
        };
  });
}

/**
 * The concept every answer must match: the most informative one, unless that is a plain
 * word beside the field's vocabulary telling nearly as much. In "saving processes to
 * disk and restoring them" the subject is checkpoint/restore (a lay term); "restoring"
 * is only a little rarer, and requiring it would turn away the checkpointing talks that
 * never say it. A word the catalog lacks stays required (an off-topic word must fail).
 */
function knownSubject(
  concepts: readonly Concept[],
  info: readonly number[],
  top: number,
  unseen: number,
  /** Whether the question says the domain's vocabulary or setting (see acceptance). */
  domain: boolean,
): number {
  const t = concepts[top];
  if (!sentence(concepts)) return top;
  if (!t || t.known || t.phrase || t.everyday === undefined) return top;
  // A plain word no talk is named by ("bunch", "lately", a word the catalog lacks) is
  // what a sentence says around its subject: the subject is what talks are named by.
  // A word the catalog lacks is the subject of a short question ("knitting patterns for
  // beginners" must fail); only beside several words the catalog has is it incidental.
  let seen = 0;
  for (let i = 0; i < concepts.length; i++) if (!concepts[i]!.support && info[i]! < unseen) seen++;
  if (domain && t.named === false && (info[top]! < unseen || seen >= RANKING.unseenAside)) {
    let named = -1;
    concepts.forEach((c, i) => {
      if ((c.known || c.named) && !c.support && (named < 0 || info[i]! > info[named]!)) named = i;
    });
    if (named >= 0 && info[named]! >= RANKING.namedSubject * info[top]!) return named;
  }
  // Only a plain word (compile.ts sets `everyday` on those alone) the catalog has.
  if (info[top]! >= unseen) return top;
  let best = -1;
  let known = 0;
  concepts.forEach((c, i) => {
    if (!fieldVocabulary(c)) return;
    known += info[i]!;
    if (best < 0 || info[i]! > info[best]!) best = i;
  });
  // The field's vocabulary together telling more than the plain word also makes it the
  // subject: "booting vms in a few milliseconds for serverless functions" is about VMs for
  // serverless (microVMs), and talks on them need not say "milliseconds".
  if (best < 0) return top;
  return info[best]! >= RANKING.knownSubject * info[top]! || known >= info[top]! ? best : top;
}

export function acceptance(
  concepts: readonly Concept[],
  postings: ReadonlyMap<string, PostingList>,
  N: number,
): Acceptance {
  const {
    info,
    aside: lowered,
    plain: plainWords,
    domain,
    unseen,
    beside,
  } = conceptInformation(concepts, postings, N);
  // Of alternatives ("dom0less or safety"), one the catalog lacks is not what is asked.
  // A long question says its subject again in other words (either.ts, askedGroups); two
  // keywords that are synonyms ("vfio passthrough") are each what was typed, both to match.
  const groups = askedGroups(concepts, words(concepts) >= RANKING.longQuestionWords);
  for (const g of groups)
    if (g.some((i) => info[i]! < unseen)) for (const i of g) if (info[i]! >= unseen) info[i] = 0;
  // Alternatives are one thing asked: a talk on either tells as much as the rarest would.
  const weigh = [...info];
  for (const g of groups) {
    const most = Math.max(...g.map((i) => info[i]!));
    for (const i of g) if (info[i]! > 0) weigh[i] = most;
  }
  const asked = askedInfo(info, groups);
  let totalInfo = 0;
  for (const x of asked) totalInfo += x;
  let requiredMask = 0;
  let top = -1;
  concepts.forEach((c, bit) => {
    if (c.phrase) requiredMask |= 1 << bit;
    if (!c.support && (top < 0 || info[bit]! > info[top]!)) top = bit;
  });
  top = knownSubject(concepts, info, top, unseen, domain);
  // A long question of the domain says more than any one talk answers, and its rarest
  // word is as often a detail of the asker's setting ("an automotive ECU", "a windows
  // guest") as its subject: a talk answers with enough of its information, whichever.
  // A short one must match its subject ("knitting patterns for beginners" fails), and so
  // must a long one whose subject is still a word the catalog lacks (see knownSubject).
  const long = domain && words(concepts) >= RANKING.longQuestionWords && info[top]! < unseen;
  // The subject asked as one of alternatives: an answer matches any one of them.
  const alternatives = groups.find((g) => g.includes(top));
  let anyMask = 0;
  if (!long && alternatives) {
    for (const i of alternatives) if (info[i]! > 0) anyMask |= 1 << i;
  } else if (!long && top >= 0) requiredMask |= 1 << top;
  // A setting word that led by rarity before the subject was preferred still must match
  // ("qemu io_uring", "gpu virtualization" in a catalog of a whole conference).
  beside.forEach((b, i) => {
    if (b && !long) requiredMask |= 1 << i;
  });
  // A question whose subject is the field's own vocabulary is on topic: the rest of it
  // may be said in other words. So is a sentence that states its setting in the domain
  // ("manage a bunch of vms with libvirt from scripts": a libvirt talk on VMs answers).
  const set = sentence(concepts) && concepts.some((c) => c.setting && !c.support);
  const share = concepts[top]?.known || set ? RANKING.acceptKnown : RANKING.acceptShare;
  // A long question says more than any one talk answers: "we run openstack nodes with kvm
  // and ceph disks and guest io is terrible, any talk on iothreads or io_uring?" The share
  // is of its most informative concepts only; the rest still rank what is accepted.
  // A word the catalog lacks that is not the subject cannot be matched: only what can be
  // matched counts toward the share ("xen for an automotive ecu, any talk on dom0less?").
  const moved = top >= 0 && info[top]! < unseen;
  const matchable = (xs: readonly number[]) =>
    xs.map((x) => (moved && x >= unseen ? 0 : x)).sort((a, b) => b - a);
  let heard = 0;
  for (const x of matchable(asked).slice(0, RANKING.acceptConcepts)) heard += x;
  const needInfo = share * heard;
  // (The fewest concepts is bounded over each concept: a talk may match every alternative.)
  const sorted = matchable(info);
  let need = 0;
  for (let sum = 0; need < sorted.length && sum < needInfo; need++) sum += sorted[need]!;
  const either = groups.map((g) => ({
    mask: g.reduce((m, i) => m | (1 << i), 0),
    info: Math.max(...g.map((i) => info[i]!)),
  }));
  return {
    info,
    totalInfo,
    needInfo,
    need: Math.max(1, need),
    requiredMask,
    anyMask,
    weigh,
    groups: either,
    aside: lowered,
    plain: plainWords,
    subject: top,
    long,
  };
}
