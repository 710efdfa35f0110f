// Why a search ranked what it did, for `cli search --explain`: the concepts the question
// became (with their information, which one is required, and how each is weighted), the
// words left out and why, and for each result which words matched in which field and
// what they added. Reads the talks' text again: slow, and only for a person asking.
import type { SearchRequest } from "../search-request.ts";
import { acceptance, conceptScale } from "./concepts.ts";
import type { SearchEngine } from "./engine.ts";
import { toRun } from "./index/adjacency.ts";
import { EITHER_REST } from "./index/either-groups.ts";
import { fieldTexts } from "./index/fields.ts";
import { valueAt } from "./index/intersect.ts";
import { FIELDS, RANKING } from "./index/ranking.ts";
import { COMPOUND_APART, PHRASE_SLACK, phraseFactor } from "./query/alternatives.ts";
import { type Concept, compileQuery } from "./query/compile.ts";
import { relativeYears, statedFilters } from "./query/stated-filters.ts";
import { indexTerms, keep, rawWords, stem } from "./query/tokenize.ts";
import { pastedLink, questionRules } from "./question-rules.ts";
import { RECENCY, recencyFactor } from "./recency.ts";
import { settingCarriers, settingFactor } from "./setting.ts";
import { TITLE_BONUS, titleInfo, titleShare, titleTerms } from "./title-match.ts";

const round = (x: number) => Math.round(x * 1000) / 1000;

/** The value of `term` in talk `d` (its posting), or 0. */
function postingValue(engine: SearchEngine, term: string, d: number): number {
  const list = engine.index.postings.get(term);
  return list ? valueAt(list, d) : 0;
}

/** "title 1×, summary 3×": where the terms stand in talk `d`. */
function fieldsHolding(engine: SearchEngine, terms: readonly string[], d: number): string {
  const talk = engine.index.talks[d]!;
  const out: string[] = [];
  for (const f of FIELDS) {
    const found = fieldTexts(talk, f).flatMap((text) => indexTerms(text));
    const n = found.filter((t) => terms.includes(t)).length;
    if (n > 0) out.push(`${f} ${n}×`);
  }
  return out.join(", ");
}

/** Why words of the question are not concepts: stop words, chat filler, everyday words. */
function leftOut(engine: SearchEngine, request: SearchRequest, concepts: readonly Concept[]) {
  const used = new Set(
    concepts.flatMap((c) => [
      ...c.label.split(/\s+/).map((w) => w.toLowerCase()),
      ...c.alternatives.flatMap((a) => a.terms),
    ]),
  );
  const out: string[] = [];
  for (const w of rawWords(request.words.join(" "))) {
    if (used.has(w.surface) || used.has(stem(w.surface))) continue;
    const why = !keep(w.surface)
      ? "a stop word"
      : engine.words.language.filler.has(stem(w.surface))
        ? "chat filler"
        : "an everyday word no talk is named by (second, looser try)";
    out.push(`  dropped "${w.surface}": ${why}`);
  }
  return out;
}

/**
 * `currentYear`: the year the core's clock says in its zone, so "talks from last year" is
 * the year: filter the search ran (answer.ts's prepare); without it those words stay words.
 */
export function explainSearch(
  engine: SearchEngine,
  typed: SearchRequest,
  ids: readonly string[],
  currentYear?: number,
): string {
  const request = currentYear === undefined ? typed : relativeYears(typed, currentYear);
  const { index, words } = engine;
  const first = engine.search(request, 1);
  const strict = first.hits.length > 0;
  const said = statedFilters(request, index);
  const lines = [`Query ${JSON.stringify(request.text)}${strict ? "" : " (second, looser try)"}`];
  const link = pastedLink(said, index);
  if (link) {
    lines.push(`  a link pasted alone: the ${link.length} talk(s) carrying it, no words searched`);
    return lines.join("\n");
  }
  const asked = strict ? said : { ...said, loose: true };
  const { concepts, corrections } = compileQuery(asked, index, words.synonyms, words.language);
  const N = index.talks.length;
  const a = acceptance(concepts, index.postings, N);
  if (said !== typed) lines.push(`  said as filters: ${statedText(said, typed)}`);
  for (const c of corrections) lines.push(`  corrected ${c}`);
  lines.push(...leftOut(engine, asked, concepts));
  if (concepts.length === 0 && asked.words.length > 0)
    lines.push("  every word is everyday English or chat: nothing to search for");
  lines.push(...conceptLines(concepts, a));
  for (const g of a.groups) {
    const said = concepts.filter((_, i) => g.mask & (1 << i)).map((c) => `"${c.label}"`);
    // A thing said twice ("vtpm … virtual tpm", routes.ts) groups as alternatives do.
    const again = concepts.some((c, i) => g.mask & (1 << i) && c.restates !== undefined);
    if (said.length > 1)
      lines.push(
        `  ${said.join(again ? " and " : " or ")}: one thing asked${again ? " (said again in other words)" : ""}, a talk scores its best of them and ×${EITHER_REST} of the rest`,
      );
  }
  if (concepts.length > 0)
    lines.push(`  a talk must match ${round(a.needInfo)} of ${round(a.totalInfo)} (information)`);
  const must = a.requiredMask | a.anyMask;
  const rules = questionRules(asked, concepts, must, index, words);
  const { stated } = rules;
  const carriers = stated ? settingCarriers(index, words.language) : null;
  if (carriers) lines.push("  the question states a VM setting: talks that carry it are preferred");
  if (asked.recent)
    lines.push(
      `  asks for recent talks: newer ones preferred (the newest year ×${1 + RECENCY.bonus}, that bonus halved every ${RECENCY.halfLife} years older)`,
    );
  // What the engine did on the try that answered (or the looser one, when neither did).
  const away = (strict ? first : engine.search(asked, 1)).turnedAway;
  if (rules.plain)
    lines.push(
      `  no word of the field: a talk that says it only in its abstract does not answer${turned(away?.inPassing)}`,
    );
  if (rules.sentence && !rules.foreign)
    lines.push(
      `  a sentence without the field's words: only a strong match answers (two of its words in a title, topics or names, a name that is no everyday word, or every word)${turned(away?.weak)}`,
    );
  const minority = settingCarriers(index, words.language)?.includes(1);
  if (rules.unstated && !rules.sentence && !rules.foreign && minority)
    lines.push(
      "  a sentence stating no VM setting where few talks carry it: answered only if a talk matching it does",
    );
  if (rules.foreign)
    lines.push(
      `  its field words are read in another field's sense (field-senses.json): answered by no talk${turned(away?.weak)}`,
    );
  for (const id of ids) {
    const d = index.talks.findIndex((t) => t.id === id);
    if (d < 0) continue;
    lines.push(`${index.talks[d]!.title} (${index.talks[d]!.year})`);
    concepts.forEach((c, i) => {
      const scale = conceptScale(c, i, a);
      let best: { terms: readonly string[]; value: number; apart: boolean } | null = null;
      for (const alt of c.alternatives) {
        if (!alt.terms.every((t) => postingValue(engine, t, d) > 0)) continue;
        const run = alt.adjacent && alt.terms.length > 1 ? toRun(alt.terms, index) : null;
        let most = 0;
        for (const t of alt.terms) most = Math.max(most, postingValue(engine, t, d));
        let factor = 1;
        if (run) {
          const event = index.events[index.eventOf[d]!]?.terms;
          factor = phraseFactor(
            index.sequences.contains(d, run, PHRASE_SLACK),
            alt.terms,
            (t) => index.sequences.contains(d, toRun([t], index)!),
            (t) => event?.has(t) ?? false,
            () => index.sequences.termsOf(d, index.termNames),
            alt.compound === true,
          );
        }
        if (most * factor === 0) continue;
        const value = most * factor * alt.weight * scale;
        const apart = alt.compound === true && factor === COMPOUND_APART;
        if (!best || value > best.value) best = { terms: alt.terms, value, apart };
      }
      const apart = best?.apart ? `, a compound's parts apart: ×${COMPOUND_APART}` : "";
      lines.push(
        best
          ? `  "${c.label}" as ${best.terms.join("+")}: +${round(best.value)} before coverage, proximity and title (${fieldsHolding(engine, best.terms, d)}${apart})`
          : `  "${c.label}": not matched`,
      );
    });
    const share = titleShare(titleTerms(index.talks[d]!), concepts, titleInfo(concepts, a.info));
    if (share > 0)
      lines.push(
        `  the title names ${Math.round(share * 100)}% of the question: score ×${round(1 + TITLE_BONUS * share)}`,
      );
    if (asked.recent)
      lines.push(`  asked for recent talks: score ×${round(recencyFactor(index, d))}`);
    const setting = settingFactor(carriers, stated, d);
    if (setting < 1)
      lines.push(`  carries none of the question's VM setting: score ×${round(setting)}`);
  }
  return lines.join("\n");
}

/** "; N matching talks turned away by it", when any were. */
const turned = (n: number | undefined) =>
  n ? `; ${n} matching talk${n === 1 ? "" : "s"} turned away by it` : "";

/** Each concept: its information, whether it is required, and how it is weighted and why. */
function conceptLines(concepts: readonly Concept[], a: ReturnType<typeof acceptance>): string[] {
  const rarest = Math.max(0, ...a.info);
  return concepts.map((c, i) => {
    const required =
      a.requiredMask & (1 << i)
        ? i === a.subject && a.info[i]! < rarest
          ? ", required: the subject, a rarer plain word is said around it"
          : ", required"
        : a.anyMask & (1 << i)
          ? ", required (or an alternative said with it)"
          : c.support
            ? ", ranking only"
            : a.long && i === a.subject
              ? ", not required (a long question: a talk matches by its share)"
              : "";
    const lowered = a.aside[i]
      ? `, information ×${RANKING.everydayInfo}: everyday or said around the subject`
      : a.plain[i]
        ? `, information ×${RANKING.plainInfo}: a plain word beside the field's vocabulary (the asker's setup)`
        : "";
    const scale = conceptScale(c, i, a);
    const weakened =
      scale < 1 && !c.support ? `, weighted ×${round(scale)} beside the rarest concept` : "";
    const alts = c.alternatives
      .map((x) => `${x.terms.join(x.compound ? "-" : x.adjacent ? "_" : "+")}@${round(x.weight)}`)
      .join(" ");
    const senses = (c.otherSenses ?? []).map(
      (o) =>
        `; synonym "${o.term}" left out: in ${o.talks} talks here against ${o.typedTalks} for what was typed, and ${Math.round(o.together * 100)}% of them say another word of it (another sense in this catalog)`,
    );
    return `  concept "${c.label}": information ${round(a.info[i]!)}${required}${lowered}${weakened}; ${alts}${senses.join("")}`;
  });
}

/** The event: and year: filters a sentence stated in words (stated-filters.ts). */
function statedText(said: SearchRequest, typed: SearchRequest): string {
  const out = said.events.slice(typed.events.length).map((e) => `event:${JSON.stringify(e)}`);
  if (said.years && said.years !== typed.years) {
    const { from, to } = said.years;
    out.push(`year:${from === to ? from : `${from}-${to}`}`);
  }
  return out.join(" ");
}
