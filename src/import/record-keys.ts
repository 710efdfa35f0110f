// What merge.ts compares records on disk and fresh ones by: the keys a record answers to,
// its content regardless of field order, and what an on-disk record says more fully than
// the same talk from another format.
import type { TalkRecord } from "../core/talk.ts";
import { pageIdentity } from "./values.ts";

/** JSON with sorted keys, so field order never counts as a change. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

export const keyOf = (r: TalkRecord) => r.source?.key ?? `id:${r.id}`;

/**
 * The keys a record on disk answers to: its source key, and the identity of its page
 * (a pretalx talk imported before from another format, under its guid or UID).
 */
export function keysOf(r: TalkRecord): string[] {
  const page = r.links.find((l) => l.kind === "page");
  const identity = page ? pageIdentity(page.url) : null;
  return identity && identity !== keyOf(r) ? [keyOf(r), identity] : [keyOf(r)];
}

const textOf = (r: TalkRecord) => r.description ?? r.summary ?? "";

/**
 * What the record on disk says more fully than the same talk from another format: the
 * longer abstract (pretalx's .ics carries the abstract, its JSON also the description)
 * and a speaker list the fresh one only has part of ("Title - Ada, Grace" read as Ada).
 */
export function saysMore(before: TalkRecord, fresh: TalkRecord): Partial<TalkRecord> {
  const more: Partial<TalkRecord> = {};
  if (textOf(before).length > textOf(fresh).length) {
    more.summary = before.summary;
    more.description = before.description;
  }
  const known = new Set(before.speakers);
  if (before.speakers.length > fresh.speakers.length && fresh.speakers.every((n) => known.has(n)))
    more.speakers = before.speakers;
  return more;
}
