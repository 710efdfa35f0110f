// What text each indexed field of a talk holds, and the average field lengths that BM25
// normalises by: one definition for the index build and the reference scorer.
import type { Talk } from "../../talk.ts";
import { FIELDS, type FieldName, RANKING } from "./ranking.ts";

/**
 * The texts of one field, in reading order: a talk's names (speakers, then authors), its
 * topics, each key point, and the full abstract of an imported talk (the card shows the
 * cut summary) are each read on their own.
 */
export function fieldTexts(talk: Talk, field: FieldName): readonly string[] {
  switch (field) {
    case "title":
      return [talk.title];
    case "speakers":
      return talk.authors.length ? [...talk.speakers, ...talk.authors] : talk.speakers;
    case "topics":
      return talk.topics;
    case "keyPoints":
      return talk.keyPoints;
    case "summary":
      return [talk.description ?? talk.summary];
    case "event":
      return [talk.event, talk.eventShort];
  }
}

/**
 * Average length of each field (in FIELDS order) over the talks whose lengths are given
 * (lengths[d][i]: terms of field i in talk d), at least 1.
 */
export function averageLengths(lengths: readonly (readonly number[])[]): number[] {
  const sample = Math.min(lengths.length, RANKING.lengthSample);
  return FIELDS.map((_, i) => {
    let avg = 0;
    for (let d = 0; d < sample; d++) avg += lengths[d]![i]! / sample;
    return Math.max(avg, 1);
  });
}
