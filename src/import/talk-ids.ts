// Who a talk is, in its source and in the catalog: its source key (made unique within the
// schedule) and its catalog id `<event-slug>-<talk-slug>`, both stable across re-imports.
import type { ScheduleTalk } from "./types.ts";
import { pageIdentity, slugify, slugOrHash } from "./values.ts";

const MAX_ID = 80;

/** `<event-slug>-<talk-slug>`, the talk slug cut at a dash to fit 80 characters. */
export function talkId(eventId: string, talk: ScheduleTalk): string {
  let slug = slugify(talk.slug) || slugOrHash(talk.key);
  // Schedules often repeat the conference in every slug: fosdem2026-1234-..., kvm-forum-2025-...
  if (slug.startsWith(`${eventId}-`)) slug = slug.slice(eventId.length + 1);
  const room = MAX_ID - eventId.length - 1;
  if (slug.length > room) {
    const cut = slug.slice(0, room);
    slug = cut.includes("-") ? cut.slice(0, cut.lastIndexOf("-")) : cut;
  }
  return `${eventId}-${slug}`;
}

/**
 * The id of a talk whose slug was cut to another talk's id: 8 characters of its source
 * key appended. Either cut may end on a dash ("...-language-", "-1f2e3d4"), and an id
 * never holds two in a row (39C3 has three "Rust programming language: ..." workshops).
 */
export function twinId(id: string, key: string): string {
  const head = id.slice(0, MAX_ID - 9).replace(/-+$/, "");
  const tail = slugOrHash(key).slice(-8).replace(/^-+/, "");
  return `${head}-${tail}`;
}

/**
 * The talk's identity in its source. pretalx serves one schedule as JSON, XML and
 * iCalendar with a different guid or UID in each, but every format links the talk's page,
 * /<event>/talk/<CODE>/: that code is the identity, so the three formats are one talk.
 */
export function identityOf(talk: ScheduleTalk): string {
  return (talk.url && pageIdentity(talk.url)) || talk.key;
}

/**
 * Source keys made unique: a key several talks share (three frab events under one guid,
 * a hand-made calendar reusing a UID) gets the talk's slug, then its start, then its
 * place among its twins, so each keeps one key and one id on every re-import.
 */
export function uniqueKeys(talks: readonly ScheduleTalk[]): ScheduleTalk[] {
  const count = (list: readonly ScheduleTalk[]) => {
    const n = new Map<string, number>();
    for (const t of list) n.set(identityOf(t), (n.get(identityOf(t)) ?? 0) + 1);
    return n;
  };
  let out = [...talks];
  const steps = [
    (t: ScheduleTalk) => slugify(t.slug) || slugOrHash(t.title),
    (t: ScheduleTalk) => t.start ?? t.date ?? "",
  ];
  for (const step of steps) {
    const n = count(out);
    out = out.map((t) =>
      (n.get(identityOf(t)) ?? 0) > 1 ? { ...t, key: `${t.key}#${step(t)}` } : t,
    );
  }
  const n = count(out);
  const seen = new Map<string, number>();
  return out.map((t) => {
    const key = identityOf(t);
    if ((n.get(key) ?? 0) < 2) return t;
    const i = (seen.get(key) ?? 0) + 1;
    seen.set(key, i);
    return { ...t, key: `${t.key}#${i}` };
  });
}
