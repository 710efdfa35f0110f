// Which page of hits an answer shows: the page size and offset an adapter asked for
// (a "more" button, the web's ?page=), made whole and kept in range. Searches and the
// week's listings page the same way, so "more" behaves the same on both.
import type { AnswerOptions } from "./answer-types.ts";

export interface PageRequest {
  /** Hits a page, at least one. */
  readonly pageSize: number;
  /** Index of the first hit asked for, at least 0 (may lie past the last hit). */
  readonly wanted: number;
}

/** A whole number from an option, or undefined when absent or not a finite number. */
const whole = (n: number | undefined): number | undefined =>
  n !== undefined && Number.isFinite(n) ? Math.floor(n) : undefined;

export function requestedPage(options: AnswerOptions, defaultPageSize: number): PageRequest {
  return {
    pageSize: Math.max(1, whole(options.pageSize) ?? defaultPageSize),
    wanted: Math.max(0, whole(options.offset) ?? 0),
  };
}

/** The offset shown: the one asked for, or the last hit's when it lies past the end. */
export const shownOffset = (wanted: number, total: number): number => Math.min(wanted, total - 1);
