// The rules a question is answered under, worked out once for the engine and for
// `cli search --explain`, so that what explain reports is what the engine did: a link
// pasted alone, a question without the field's words (in-passing.ts), one stating the VM
// setting (setting.ts), one whose field words are all another field's (field-senses.ts).
import type { SearchRequest } from "../search-request.ts";
import type { SearchWords } from "../word-data.ts";
import { otherSense } from "./field-senses.ts";
import { thinQuestion } from "./generic-words.ts";
import {
  fieldWords,
  plainQuestion,
  plainSentence,
  SENTENCE_WORDS,
  typedWordCount,
  unstatedSentence,
} from "./in-passing.ts";
import type { SearchIndex } from "./index/build.ts";
import { pastedAddress, talksLinkedFrom } from "./linked.ts";
import { type Concept, fieldVocabulary } from "./query/concept.ts";
import { titleStems } from "./query/words.ts";
import { fieldOwn, minorityField, SETTING, settingCarriers, statesSetting } from "./setting.ts";

/**
 * The talks carrying a link pasted alone (no other words, no filter), maybe none; null
 * when the question is no link alone.
 */
export function pastedLink(request: SearchRequest, index: SearchIndex): readonly number[] | null {
  const alone =
    request.phrases.length + request.speakers.length + request.events.length === 0 &&
    request.topics.length === 0 &&
    !request.years;
  const address = alone ? pastedAddress(request.words) : null;
  return address === null ? null : talksLinkedFrom(address, index);
}

export interface QuestionRules {
  /** The question states its VM setting: talks carrying it are preferred (setting.ts). */
  readonly stated: boolean;
  /** No word of the field: a talk saying it only in its abstract does not answer. */
  readonly plain: boolean;
  /**
   * A sentence without the field's words: only a strong match answers (weakMatch), and
   * where VMs are a minority of the catalog only a talk carrying the setting (offField).
   */
  readonly sentence: boolean;
  /**
   * Its only field words are read in another field's sense ("my java VM", "a spice model
   * for an op-amp"): about that field, answered by no talk.
   */
  readonly foreign: boolean;
  /**
   * A sentence stating no VM setting: where VMs are a minority of the catalog, answered
   * only if some talk matching it carries the setting (unstatedSentence).
   */
  readonly unstated: boolean;
  /**
   * Where its only field words are generic ("a virtual gift card"), those concepts (a bit
   * each), else 0: answered only by a talk about VMs matching a share of the rest
   * (generic-words.ts, thinAnswer). Such words state no VM setting.
   */
  readonly thin: number;
}

/**
 * `must`: the concepts every answer must match (concepts.ts acceptance, required or one
 * of the alternatives asked).
 */
export function questionRules(
  request: SearchRequest,
  concepts: readonly Concept[],
  must: number,
  index: SearchIndex,
  words: SearchWords,
): QuestionRules {
  const { language, synonyms } = words;
  // A word read in another field's sense is no word of the field: the rules see the rest.
  const other = words.senses
    ? otherSense(concepts, request.words, words.senses)
    : new Set<number>();
  const kept = concepts.filter((_, i) => !other.has(i));
  const unknown = concepts.map((c, i) => (other.has(i) ? { ...c, known: false } : c));
  // (A thin question's generic words state no setting: a talk about VMs must answer it.)
  const thin = thinQuestion(request, concepts, other, index, words);
  const says = (cs: readonly Concept[]) => !thin && statesSetting(cs, language, synonyms);
  const stated = says(kept);
  const plain = plainQuestion(request, unknown, stated, must, titleStems(index));
  // (Only a question stating the setting can hold a context word everyday English says.)
  const bare = stated ? fieldWords(kept, language) : kept;
  const sentence = plainSentence(request, bare, says);
  // (A question that named the setting, if only in words everyday English says, states it.)
  const unstated = !stated && unstatedSentence(request, bare, says);
  const foreign = other.size > 0 && foreignQuestion(request, kept, stated, index, words);
  return { stated, plain, sentence, foreign, unstated, thin };
}

/** A query of at most this many words is keywords typed, not a sentence (foreignQuestion). */
const KEYWORD_WORDS = 2;

/**
 * Whether a question with a word read in another field's sense is that field's: it names
 * no VM setting and, those words aside, no word of the field's vocabulary that is the
 * field's own in this catalog (fieldOwn: "jvm on osv" is a unikernel's question; "tune
 * the jvm collector for latency" is not, its vocabulary every field says; a typo
 * correction is a guess, not a word asked), it is more than a word or
 * two (a keyword typed, "jvm", "virtual reality", may be a talk's title: the asker typed
 * the thing), and VMs are a minority of the catalog: in one of virtualization talks a
 * runtime's VM is the field's as much (offField's catalogs). In a sentence, a word is the
 * field's own only where half its talks carry the setting (SETTING.ownBesideOther: "tune
 * the schedulers of my elixir app on the BEAM vm" is the runtime's).
 */
function foreignQuestion(
  request: SearchRequest,
  kept: readonly Concept[],
  stated: boolean,
  index: SearchIndex,
  words: SearchWords,
): boolean {
  if (stated || request.topics.length > 0) return false;
  const length = typedWordCount(request);
  if (length <= KEYWORD_WORDS) return false;
  const carriers = settingCarriers(index, words.language);
  if (!carriers || !minorityField(carriers)) return false;
  // (A sentence's words beside the other field's are said of it unless decidedly the
  // field's: SETTING.ownBesideOther; a few words typed name the thing, "jvm on osv".)
  const share = length >= SENTENCE_WORDS ? SETTING.ownBesideOther : SETTING.own;
  const own = (c: Concept) =>
    fieldVocabulary(c) &&
    !c.corrected &&
    fieldOwn(index, carriers, c.alternatives[0]?.terms ?? [], share);
  return !kept.some(own);
}
