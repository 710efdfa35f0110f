// frab/Pentabarf schedule XML (c3voc schedule.xml.xsd): <schedule><conference>, then
// <day date> → <room name> → <event id guid>. pretalx and FOSDEM serve this format.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { frabTalk, videoLinks } from "./frab-event.ts";
import { ImportError, type RawLink, type Schedule, type ScheduleTalk } from "./types.ts";
import { arr, isObject, isoDate, type Node, node, str } from "./values.ts";

const LISTS = new Set(["day", "room", "event", "person", "link", "attachment"]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // Entities declared in a DOCTYPE are never expanded (no billion laughs).
  processEntities: true,
  // Abstracts carry escaped HTML; its entities (&amp;nbsp;) are decoded with the HTML later.
  htmlEntities: false,
  isArray: (name) => LISTS.has(name),
});

function links(ev: Node): RawLink[] {
  const out: RawLink[] = [];
  const hrefOf = (l: unknown) => str(node(l)["@_href"]);
  for (const l of arr(node(ev.links).link)) out.push({ url: hrefOf(l), title: str(l) });
  for (const a of arr(node(ev.attachments).attachment)) {
    // FOSDEM marks slide decks: <attachment type="slides" href="...">.
    const kind = str(node(a)["@_type"]) === "slides" ? "slides" : "attachment";
    out.push({ url: hrefOf(a), title: str(a), kind });
  }
  return [...out, ...videoLinks(ev)];
}

export function parseFrabXml(text: string): Schedule {
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    const { line, col, msg } = valid.err;
    throw new ImportError(`malformed XML at line ${line}, column ${col}: ${msg}`);
  }
  const doc = parser.parse(text) as Node;
  const schedule = node(doc.schedule);
  if (!isObject(doc.schedule) || !isObject(schedule.conference))
    throw new ImportError("XML without <schedule><conference>: not a frab/Pentabarf schedule");
  const conf = node(schedule.conference);
  const baseUrl = str(conf.base_url) || str(schedule.base_url);
  const talks: ScheduleTalk[] = [];
  for (const day of arr(schedule.day)) {
    const dayDate = isoDate(node(day)["@_date"]);
    for (const room of arr(node(day).room)) {
      const roomName = str(node(room)["@_name"]);
      for (const ev of arr(node(room).event)) {
        const e = node(ev);
        const id = str(e["@_id"]) || str(e["@_guid"]);
        const where = `<event id="${id}"> (day ${dayDate ?? "?"}, room ${roomName || "?"})`;
        if (!id && !str(e.slug)) throw new ImportError("no id, guid or slug", where);
        const event = {
          fields: e,
          id: str(e["@_id"]),
          guid: str(e["@_guid"]) || str(e.guid),
          persons: node(e.persons).person,
          links: links(e),
        };
        talks.push(frabTalk(event, dayDate, where, baseUrl));
      }
    }
  }
  return {
    format: "frab-xml",
    title: str(conf.title),
    start: isoDate(conf.start),
    end: isoDate(conf.end),
    timeZone: str(conf.time_zone_name) || null,
    url: str(conf.url) || str(schedule.url) || null,
    baseUrl: baseUrl || null,
    location: str(conf.city) || str(conf.venue) || null,
    talks,
  };
}
