// What a sync changed that a watching room cares about: talks that are new, talks whose
// title, speakers, time or room changed (a material change, not a reworded abstract),
// and recordings or slides that appeared for a talk.
import type { Talk } from "../core/talk.ts";

export type Media = "video" | "slides";

export interface CatalogChange {
  readonly added: readonly string[];
  /** Talks whose title, speakers, time or room changed. */
  readonly changed: readonly string[];
  /** Recordings or slides a talk did not have before. */
  readonly media: ReadonlyMap<string, readonly Media[]>;
}

const material = (t: Talk) => JSON.stringify([t.title, t.speakers, t.start, t.end, t.room]);
const mediaOf = (t: Talk) =>
  new Set(t.links.filter((l) => l.kind === "video" || l.kind === "slides").map((l) => l.kind));

/** Compares the catalog before and after a sync; only `touched` ids when given. */
export function diffCatalogs(
  before: readonly Talk[],
  after: readonly Talk[],
  touched?: ReadonlySet<string>,
): CatalogChange {
  const old = new Map(before.map((t) => [t.id, t]));
  const added: string[] = [];
  const changed: string[] = [];
  const media = new Map<string, Media[]>();
  for (const talk of after) {
    if (touched && !touched.has(talk.id)) continue;
    const was = old.get(talk.id);
    if (!was) {
      added.push(talk.id);
      continue;
    }
    if (material(was) !== material(talk)) changed.push(talk.id);
    const had = mediaOf(was);
    const fresh = [...mediaOf(talk)].filter((k) => !had.has(k)) as Media[];
    if (fresh.length) media.set(talk.id, fresh.sort());
  }
  return { added, changed, media };
}
