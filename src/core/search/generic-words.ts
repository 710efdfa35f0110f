// The field's words other fields say too: "virtual" (a virtual gift card, a virtual
// receptionist), "memory" (a memory card), "guest" (a guest lecturer), "snapshot" (of a
// website), "migration" (to a new CRM). Where VMs are a minority of the catalog (a whole
// conference's), a sentence whose only field words are these says nothing of the field
// by them: a talk matching "virtual" with two everyday words of it is no answer. Such a
// question ("thin") is answered only by a talk that carries the setting in the field's own
// words (a hypervisor, KVM, QEMU: ownCarriers) and matches a real share of the rest of the
// question. The words are field-senses.json `generic`; neighbours are field-senses.ts's.
import type { SearchRequest } from "../search-request.ts";
import type { SearchWords } from "../word-data.ts";
import { SENTENCE_WORDS, typedWordCount } from "./in-passing.ts";
import type { SearchIndex } from "./index/build.ts";
import type { ChatLanguage } from "./query/chat-language.ts";
import { type Concept, fieldVocabulary, typedStems } from "./query/concept.ts";
import { fieldOwn, minorityField, ownCarriers, settingCarriers } from "./setting.ts";

export const GENERIC = Object.freeze({
  /**
   * The share of a thin question's information a talk must match: half. "is a virtual
   * gift card from the store safer for online purchases" is not answered by a talk on
   * eGovernment smart cards online (a third, where acceptance asks for a third).
   */
  cover: 0.5,
});

/**
 * Whether a concept is a generic field word: every word typed is one of `generic`
 * ("virtual machine"), or it is one everyday word the field's data happens to know
 * ("fast" for performance, "new"). A phrase of the field's data with a word of its own
 * ("move a running vm", "live migration") is the field's.
 */
export function genericWord(c: Concept, generic: ReadonlySet<string>, language: ChatLanguage) {
  const stems = typedStems(c);
  if (stems.every((s) => generic.has(s))) return true;
  return fieldVocabulary(c) && stems.length === 1 && language.commonStems.has(stems[0]!);
}

/**
 * The concepts (a bit each) that are generic words, where the question is thin: a sentence
 * with no filter or quoted phrase, on a catalog where VMs are a minority, whose field
 * words (vocabulary or setting) are all generic, at least one, and none of whose other
 * words ties to VMs in this catalog (fieldOwn over ownCarriers). 0 where it is not thin.
 * `other`: the concepts read in another field's sense (field-senses.ts), no field words.
 */
export function thinQuestion(
  request: SearchRequest,
  concepts: readonly Concept[],
  other: ReadonlySet<number>,
  index: SearchIndex,
  words: SearchWords,
): number {
  const generic = words.senses?.generic;
  if (!generic || generic.size === 0) return 0;
  if (request.phrases.length || request.speakers.length || request.events.length) return 0;
  if (request.topics.length || request.years) return 0;
  if (typedWordCount(request) < SENTENCE_WORDS) return 0;
  if (!minorityField(settingCarriers(index, words.language))) return 0;
  const own = ownCarriers(index, words.language, words.senses!.looseInTalks);
  let mask = 0;
  let said = false;
  for (const [bit, c] of concepts.entries()) {
    if (c.support || other.has(bit)) continue;
    const field = fieldVocabulary(c) || c.setting === true;
    if (genericWord(c, generic, words.language)) {
      mask |= 1 << bit;
      said ||= field;
      continue;
    }
    if (field) return 0;
    if (!c.corrected && fieldOwn(index, own, c.alternatives[0]?.terms ?? [])) return 0;
  }
  return said ? mask : 0;
}

/**
 * Whether talk `doc`, matching the concepts of `mask`, answers a thin question: it carries
 * the setting in the field's own words (`own`, ownCarriers), and the concepts it matches
 * hold at least GENERIC.cover of the question's information (`info`, per concept). "my vm
 * gets slower with every snapshot" is answered by a talk on VM snapshots; "a virtual
 * receptionist for a dental practice" not by a packet generator receiving per port.
 */
export function thinAnswer(
  doc: number,
  mask: number,
  concepts: readonly Concept[],
  info: readonly number[],
  own: Uint8Array,
): boolean {
  if (own[doc] !== 1) return false;
  let total = 0;
  let matched = 0;
  for (const [bit, c] of concepts.entries()) {
    if (c.support) continue;
    total += info[bit] ?? 0;
    if (mask & (1 << bit)) matched += info[bit] ?? 0;
  }
  return matched >= GENERIC.cover * total;
}

/**
 * The talks that may answer a thin question (`thin`: its generic concepts, thinQuestion),
 * worked out once per question: null where it is not thin. The engine then asks thinAnswer
 * of each candidate.
 */
export function thinCarriers(
  thin: number,
  index: SearchIndex,
  words: SearchWords,
): Uint8Array | null {
  if (!thin || !words.senses) return null;
  return ownCarriers(index, words.language, words.senses.looseInTalks);
}
