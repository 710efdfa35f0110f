// What a query compiles to (compile.ts): concepts, each matched by any of its
// alternatives. Apart from the compiler so the filters can build concepts too.
import { queryStem } from "./tokenize.ts";

export interface Alternative {
  /** Stems that must all occur in the talk. */
  readonly terms: readonly string[];
  readonly weight: number;
  /** A phrase: counts fully only where the stems stand together, in order (alternatives.ts). */
  readonly adjacent?: boolean;
  /**
   * The parts of a compound typed ("io"+"ur" for "io_uring"), adjacent: they count in
   * full where they stand together or inside a compound ("io_uring_setup"), for far less
   * apart (COMPOUND_APART: "post" of "post-GDPR" and a "copy" elsewhere are not
   * "postcopy"; see phraseFactor).
   */
  readonly compound?: boolean;
  /**
   * Not what was typed: a synonym or the jargon it leads to. Left out of the concept
   * where the catalog reads it in another sense (other-sense.ts).
   */
  readonly expansion?: boolean;
}

/** A synonym left out of a concept: the catalog reads it in another sense (other-sense.ts). */
export interface OtherSense {
  readonly term: string;
  /** Talks holding it, and holding the typed form. */
  readonly talks: number;
  readonly typedTalks: number;
  /** The share of its talks that say another word of the concept. */
  readonly together: number;
}

export interface Concept {
  /** What the user typed, for "matched" and corrections ("migraton → migration"). */
  readonly label: string;
  readonly alternatives: readonly Alternative[];
  /** Quoted phrases must match, and match as written (adjacent, in order). */
  readonly phrase: boolean;
  /**
   * An everyday English word ("sharing", "several", "fast"): what a question says around
   * its subject, so it tells less than the catalog's rarity of it suggests (concepts.ts).
   */
  readonly everyday?: boolean;
  /**
   * A typed word that some talk's title, topics or speakers hold: a question's subject is
   * what talks are named by; "bunch", "lately" or a word the catalog lacks never is.
   */
  readonly named?: boolean;
  /**
   * Says the question's setting in the domain: a context word or one implying it
   * ("guest", "vms", "kvm", "libvirt"; chat-words.json). Off-topic questions never do.
   */
  readonly setting?: boolean;
  /**
   * Joined to the concept before it by "or": "vhost-net or dpdk", either
   * answers the question (concepts.ts counts the two as one thing asked).
   */
  readonly either?: boolean;
  /**
   * The index of a concept this one says again (routes.ts): "secure boot" after "uefi
   * secure boot", "vtpm" after "virtual tpm". Counted once with it (concepts.ts).
   */
  readonly restates?: number;
  /** A typo correction: a guess at what was typed, not what was typed (in-passing.ts). */
  readonly corrected?: boolean;
  /** Synonyms left out as read in another sense by this catalog (for explain). */
  readonly otherSenses?: readonly OtherSense[];
  /** Domain vocabulary: a phrase or word of the synonym or lay-term data. */
  readonly known?: boolean;
  /**
   * Adds to a talk's score but tells nothing about whether it answers: the topic a
   * filter asks for, weighing how strongly a talk carries it (concepts.ts).
   */
  readonly support?: boolean;
}

/**
 * Whether a concept is a word of the field's vocabulary the asker typed: `known` (synonym
 * or lay-term data), not a ranking-only concept a topic filter added (`support`). The one
 * test of "the question says the field's words" for acceptance (concept-information.ts,
 * concepts.ts) and the off-topic rules (in-passing.ts, question-rules.ts). Related tests
 * that differ on purpose: in-passing.ts's `fieldWords` drops context words everyday
 * English says too (a question of the setting's words, not of vocabulary); question-rules'
 * foreignQuestion asks more of a word (not a typo's guess, and the field's own in this
 * catalog); acceptance's `(known || named)` and `(known || setting)` take wider sets.
 */
export function fieldVocabulary(c: Concept): boolean {
  return c.known === true && !c.support;
}

/** A concept's words as typed (its label), stemmed. */
export const typedStems = (c: Concept): string[] =>
  c.label.toLowerCase().split(/\s+/).map(queryStem);
