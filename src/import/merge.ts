// Merges freshly mapped records into the event's catalog file as it is on disk: records
// are matched by their source key, so a re-import changes nothing and a newer export
// updates talks in place (same id, same `added` day), never duplicating one. A talk the
// source now says is cancelled is removed; one it merely no longer lists is kept (an
// export of one day or one track says nothing of the others).
import type { CatalogFile, TalkEvent, TalkRecord } from "../core/talk.ts";
import { sameTalkKey } from "../core/talk.ts";
import type { Mapped, Skip } from "./map-record.ts";
import { canonical, keyOf, keysOf, saysMore } from "./record-keys.ts";
import { dayOf, isEarlier } from "./repeats.ts";

/** What the rest of the catalog (other files) already holds, to avoid start-up errors. */
export interface Taken {
  /** talk id → description of its owner */
  readonly ids: ReadonlyMap<string, string>;
  /**
   * sameTalkKey (year, title, speakers) → talk id; also under no speakers, for a source
   * that names none (a bare calendar): then the title alone decides.
   */
  readonly titles: ReadonlyMap<string, string>;
}

/** One line of `import --explain`: what happened to one talk of the source, and why. */
export interface Decision {
  readonly outcome: "added" | "updated" | "unchanged" | "kept" | "removed" | "merged" | "skipped";
  /** The catalog id, or null for a talk that was skipped. */
  readonly id: string | null;
  readonly title: string;
  /** The talk's key in the source (or where it is, for a skipped one). */
  readonly source: string;
  readonly reason: string;
}

export interface Merged {
  readonly file: CatalogFile;
  readonly changed: boolean;
  readonly added: string[];
  readonly updated: string[];
  readonly unchanged: string[];
  /** Records of the file the source no longer lists: kept, never deleted. */
  readonly kept: string[];
  /** Records of the file the source now says are cancelled: removed. */
  readonly removed: string[];
  readonly skipped: Skip[];
  readonly decisions: Decision[];
}

/** What earlier sources of the same import run (two days' exports of one event) did. */
export interface EarlierSources {
  /** Ids they listed: a talk repeated across them keeps its earliest slot, as within one. */
  readonly listed: ReadonlySet<string>;
  /**
   * Records on disk they removed as cancelled: one this source lists again (`import
   * new.xml stale.xml`) is that record still, updated in place with its `added` day.
   */
  readonly removed: readonly TalkRecord[];
}

/** A key every slot of a talk has: pretalx's page ("pretalx:<event>/<CODE>", values.ts). */
const sharedBySlots = (key: string) => key.startsWith("pretalx:");

export function mergeFile(
  existing: CatalogFile | null,
  mapped: Mapped,
  taken: Taken,
  earlier: EarlierSources = { listed: new Set(), removed: [] },
): Merged {
  const listedBefore = earlier.listed;
  const onDisk = [...(existing?.talks ?? []), ...earlier.removed];
  const old = new Map<string, TalkRecord>();
  for (const r of onDisk) for (const k of keysOf(r)) if (!old.has(k)) old.set(k, r);
  // The same title and speakers under another key is the same talk (another export of
  // the schedule): updated in place rather than written twice.
  const year = mapped.event.year;
  const sameTalk = new Map<string, TalkRecord>();
  for (const r of onDisk) {
    const talk = sameTalkKey(year, r.title, r.speakers);
    if (!sameTalk.has(talk) || !earlier.removed.includes(r)) sameTalk.set(talk, r);
  }
  const oldIds = new Set(onDisk.map((r) => r.id));
  /**
   * The record on disk a talk of the source is: the one under its key, else the one of the
   * same title and speakers not yet claimed under its own key. `slotOk` narrows a match a
   * repeated talk's other slots share: by title, or by pretalx's page key (both slots of a
   * talk under its one page). A key of one slot (frab's guid) is that card's slot, even
   * moved to another day.
   */
  const onDiskFor = (
    key: string,
    title: string,
    speakers: readonly string[],
    slotOk: (r: TalkRecord) => boolean = () => true,
  ): TalkRecord | undefined => {
    const byKey = old.get(key);
    if (byKey) return !sharedBySlots(key) || slotOk(byKey) ? byKey : undefined;
    const twin = sameTalk.get(sameTalkKey(year, title, speakers));
    return twin && old.get(keyOf(twin)) === twin && slotOk(twin) ? twin : undefined;
  };
  const result: Omit<Merged, "file" | "changed"> = {
    added: [],
    updated: [],
    unchanged: [],
    kept: [],
    removed: [],
    skipped: [...mapped.skipped],
    decisions: [],
  };
  const skipDecisions = new Map<Skip, Decision>();
  for (const s of mapped.skipped) {
    const merged = s.reason.startsWith("merged into");
    const d = {
      outcome: merged ? "merged" : "skipped",
      id: null,
      title: s.title,
      source: s.where,
      reason: s.reason,
    } as const;
    skipDecisions.set(s, d);
    result.decisions.push(d);
  }
  const decide = (
    outcome: Decision["outcome"],
    rec: TalkRecord,
    reason: string,
    id: string | null = rec.id,
  ) => result.decisions.push({ outcome, id, title: rec.title, source: keyOf(rec), reason });
  const talks: TalkRecord[] = [];
  const usedIds = new Set<string>();
  // What the source says anything of: a card of a day it lists no talk of is not moved.
  const inSource = new Set([...mapped.records.map(keyOf), ...mapped.cancelled.map((c) => c.key)]);
  const daysListed = new Set([...mapped.records, ...mapped.cancelled].map(dayOf));
  for (const fresh of mapped.records) {
    const before = onDiskFor(keyOf(fresh), fresh.title, fresh.speakers);
    if (before) {
      for (const k of keysOf(before)) old.delete(k);
      usedIds.add(before.id);
      // Another slot (same format, another key) of a talk an earlier source of this run
      // listed: the earlier slot stays (another format of one slot is an update, below).
      const otherSlot =
        !keysOf(before).includes(keyOf(fresh)) && before.source?.format === fresh.source?.format;
      const earlierRun = otherSlot && !listedBefore.has(before.id) && isEarlier(before, fresh);
      // Likewise a card an earlier run wrote at an earlier slot, of a day this source lists
      // nothing of (one day's export after the other's): else each run moves it back and
      // forth. A talk moved from a day the export still lists (or under its own key) moves.
      const dayUnlisted =
        earlierRun && !inSource.has(keyOf(before)) && !daysListed.has(dayOf(before));
      if ((otherSlot && listedBefore.has(before.id) && !isEarlier(fresh, before)) || dayUnlisted) {
        talks.push(before);
        const reason = dayUnlisted
          ? `merged into ${before.id}: the same title and speakers, at an earlier slot on ${dayOf(before)}, a day this source lists nothing of (the earliest slot is kept)`
          : `merged into ${before.id}: the same title and speakers, listed earlier by another source of this import (the earliest slot is kept)`;
        if (dayUnlisted) result.kept.push(before.id);
        result.skipped.push({ where: keyOf(fresh), title: fresh.title, reason });
        decide("merged", fresh, reason, null);
        continue;
      }
      // Another format of the same schedule (pretalx's iCalendar after its JSON) says
      // less: what it does not say (track, subtitle, links) stays as the richer one had it.
      const otherFormat = before.source?.format !== fresh.source?.format;
      const again: TalkRecord = {
        ...(otherFormat ? before : {}),
        ...fresh,
        ...(otherFormat ? saysMore(before, fresh) : {}),
        id: before.id,
        added: before.added ?? fresh.added,
        // Where and when it was imported is not content: the same talk from another
        // copy of the export (a file instead of the URL) is unchanged.
        source: before.source ?? fresh.source,
      };
      const same = canonical(again) === canonical(before);
      talks.push(same ? before : { ...again, source: fresh.source });
      (same ? result.unchanged : result.updated).push(before.id);
      const how =
        keyOf(before) === keyOf(fresh)
          ? `the same ${keyOf(fresh).startsWith("pretalx:") ? "pretalx talk code" : "source key"}`
          : keysOf(before).includes(keyOf(fresh))
            ? `the same pretalx talk code as ${keyOf(before)}`
            : `the same title and speakers as ${keyOf(before)} (another export of the schedule)`;
      decide(
        same ? "unchanged" : "updated",
        { ...fresh, id: before.id },
        same ? `${how}; nothing changed` : `${how}; its fields changed`,
      );
      continue;
    }
    const skip = (reason: string) => {
      result.skipped.push({ where: fresh.source?.key ?? fresh.id, title: fresh.title, reason });
      decide("skipped", fresh, reason, null);
    };
    const owner = taken.ids.get(fresh.id);
    if (owner) {
      skip(`id ${fresh.id} is already used by ${owner}`);
      continue;
    }
    const twin = taken.titles.get(sameTalkKey(year, fresh.title, fresh.speakers));
    if (twin) {
      skip(`same title and speakers as talk ${twin} already in the catalog`);
      continue;
    }
    let id = fresh.id;
    for (let n = 2; usedIds.has(id) || oldIds.has(id); n++) id = `${fresh.id.slice(0, 76)}-${n}`;
    usedIds.add(id);
    talks.push({ ...fresh, id });
    result.added.push(id);
    decide("added", { ...fresh, id }, existing ? "new in the source" : "a new catalog file");
  }
  for (const gone of mapped.cancelled) {
    // Only the card of that very slot, found by title or by pretalx's page key (a slot's
    // own key, frab's guid, is its card's slot wherever it moved): the card of a talk held
    // twice may be the other slot's, still happening (an export of the second day
    // cancelling its slot). A card the source no longer lists on its own day, which the
    // source does list, is that slot moved and cancelled (a card it listed is no longer in
    // `old`).
    const cardsSlot = (r: TalkRecord) =>
      (!isEarlier(r, gone) && !isEarlier(gone, r)) || daysListed.has(dayOf(r));
    const onDisk = onDiskFor(gone.key, gone.title, gone.speakers, cardsSlot);
    if (!onDisk) continue;
    for (const k of keysOf(onDisk)) old.delete(k);
    result.removed.push(onDisk.id);
    // Said once: as removed, not also as skipped.
    result.skipped.splice(result.skipped.indexOf(gone.skip), 1);
    result.decisions.splice(result.decisions.indexOf(skipDecisions.get(gone.skip)!), 1);
    decide("removed", onDisk, `${gone.skip.reason}: removed from the catalog`);
  }
  for (const rest of new Set(old.values())) {
    // Removed by an earlier source and not listed again here: it stays removed.
    if (earlier.removed.includes(rest)) continue;
    talks.push(rest);
    result.kept.push(rest.id);
    decide("kept", rest, "no longer in the source: kept, never deleted");
  }
  // A name the source only implies (pretalx's .ics: its event slug) never replaces the
  // one the file has from a schedule that states it (the JSON's "DemoCon").
  const fresh: TalkEvent =
    existing && mapped.nameImplied
      ? { ...mapped.event, name: existing.event.name, shortName: existing.event.shortName }
      : mapped.event;
  const event: TalkEvent =
    existing && canonical(existing.event) === canonical(fresh) ? existing.event : fresh;
  const file: CatalogFile = { event, talks };
  const changed = !existing || canonical(existing) !== canonical(file);
  return { file, changed, ...result };
}
