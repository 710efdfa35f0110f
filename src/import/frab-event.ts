// One frab event to a ScheduleTalk: the XML (schedule.xml.xsd) and the c3voc JSON
// (schema.json) carry the same fields; only how ids, persons and links are read differs.
import type { RawLink, ScheduleTalk } from "./types.ts";
import { arr, isoDate, type Node, personName, slugify, str } from "./values.ts";

export interface FrabEvent {
  /** The event's fields (title, slug, track, date, abstract, url, ...). */
  readonly fields: Node;
  readonly id: string;
  readonly guid: string;
  readonly persons: unknown;
  readonly links: RawLink[];
}

/** The recording a frab export may name (video_download_url). */
export function videoLinks(fields: Node): RawLink[] {
  const video = str(fields.video_download_url);
  return video ? [{ url: video, title: "Video", kind: "video" }] : [];
}

export function frabTalk(
  ev: FrabEvent,
  dayDate: string | null,
  where: string,
  baseUrl: string,
): ScheduleTalk {
  const { fields, id } = ev;
  const slug = str(fields.slug);
  const title = str(fields.title);
  return {
    key: ev.guid || id || slug,
    slug: slug || (id ? `${id}-${slugify(title)}` : slugify(title)),
    where,
    title,
    persons: arr(ev.persons).map(personName).filter(Boolean),
    track: str(fields.track) || null,
    date: isoDate(fields.date) ?? dayDate,
    html: [str(fields.subtitle), str(fields.abstract), str(fields.description)]
      .filter(Boolean)
      .join("\n\n"),
    // No page of its own: the conference base URL plus the slug (c3voc convention).
    url: str(fields.url) || (baseUrl && slug ? `${baseUrl.replace(/\/*$/, "/")}${slug}` : null),
    links: ev.links,
  };
}
