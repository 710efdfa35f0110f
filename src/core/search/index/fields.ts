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

/** Average length of each field (in FIELDS order) over all N talks, at least 1. */
export function averageLengths(length: (d: number, field: number) => number, N: number): number[] {
  const averages = new FieldAverages(N);
  for (let d = 0; d < N; d++) for (let i = 0; i < FIELDS.length; i++) averages.add(i, length(d, i));
  return averages.result();
}

/**
 * averageLengths gathered talk by talk, as the index build's first pass meets the lengths:
 * computing them afterwards took one 3-5 ms step of a reload's sliced build at 15,000
 * talks. Each field's sum adds length / N in talk order, as it always has, so the
 * averages (and every score) stay the same to the last bit.
 */
export class FieldAverages {
  private readonly sums = new Float64Array(FIELDS.length);

  constructor(private readonly N: number) {}

  /** Talk d's `length` for field `field`, talks in ascending order. */
  add(field: number, length: number): void {
    this.sums[field]! += length / this.N;
  }

  result(): number[] {
    return Array.from(this.sums, (avg) => Math.max(avg, 1));
  }
}

/**
 * The length a field is normalised by: a field shorter than RANKING.shortest of the
 * average counts as that long, so a stub (a title and a one-line abstract) does not win
 * over a real talk on brevity alone.
 */
export function normalisedLength(length: number, average: number): number {
  return Math.max(length, RANKING.shortest * average);
}
