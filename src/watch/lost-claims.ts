// When the state store lost the watch claims (the "watch-announced" namespace recovered from
// a corrupt file or row and started empty, or deleted), nobody knows any more which talks
// the rooms were told about, and the next change to one of them would be announced again.
// A room prefers a missed notice to a repeated one (alerts.ts): so every talk the catalog
// held before the loss was noticed and that a watch matches now counts as announced to its
// room, with the recordings and slides it already has. Talks a later sync adds are still
// news; changes to talks that were in the catalog then are not told.
import type { Talk } from "../core/talk.ts";
import type { AlertItem } from "./plan.ts";
import type { WatchPlatform, WatchRecord } from "./watches.ts";

export interface AdoptedClaims {
  readonly platform: WatchPlatform;
  readonly destination: string;
  readonly items: AlertItem[];
}

/**
 * The claims to adopt: for each watching room, the talks among `baseline` that any of its
 * watches accepts (`accepted(query)`: the ids a question accepts; null when no search).
 */
export function claimsToAdopt(
  watches: readonly WatchRecord[],
  baseline: readonly Talk[],
  accepted: (query: string) => readonly string[] | null,
): AdoptedClaims[] {
  const talks = new Map(baseline.map((t) => [t.id, t]));
  const byQuery = new Map<string, readonly string[]>();
  const out: AdoptedClaims[] = [];
  for (const record of watches) {
    const ids = new Set<string>();
    for (const { query } of record.watches) {
      let hits = byQuery.get(query);
      if (!hits) {
        hits = accepted(query) ?? [];
        byQuery.set(query, hits);
      }
      for (const id of hits) if (talks.has(id)) ids.add(id);
    }
    const items: AlertItem[] = [];
    for (const id of ids) {
      items.push({ talk: id, why: "new" });
      const media = new Set(talks.get(id)!.links.map((l) => l.kind));
      for (const kind of ["video", "slides"] as const)
        if (media.has(kind)) items.push({ talk: id, why: kind });
    }
    if (items.length)
      out.push({ platform: record.platform, destination: record.destination, items });
  }
  return out;
}
