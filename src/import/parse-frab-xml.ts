// frab/Pentabarf schedule XML (c3voc schedule.xml.xsd): <schedule><conference>, then
// <day date> → <room name> → <event id guid>. pretalx and FOSDEM serve this format.
// Pentabarf before ~2013 put <event> straight under <day>, its room a <room> child text.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { conferenceDate, type FrabConference, frabTalk, videoLinks } from "./frab-event.ts";
import { ImportError, type RawLink, type Schedule, type ScheduleTalk } from "./types.ts";
import { arr, isObject, isoDate, type Node, node, str } from "./values.ts";

/** Elements read as lists; <room> only as a <day>'s child (an <event>'s <room> is text). */
const LISTS = new Set(["schedule.day", "schedule.day.room", "schedule.day.event"]);
const LIST_NAMES = new Set(["event", "person", "link", "attachment"]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // Entities declared in a DOCTYPE are never expanded (no billion laughs).
  processEntities: true,
  // Character references (&#13; &#x2013;) are XML and decoded here: left as text, "&#13;"
  // reached 36C3 summaries. Escaped HTML (&amp;nbsp;) stays escaped — the parser decodes
  // &amp; last — and is decoded with the HTML later.
  htmlEntities: true,
  isArray: (name, jpath) => LISTS.has(String(jpath)) || (name !== "room" && LIST_NAMES.has(name)),
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

/** Where the text ends, 1-based, as an editor counts. */
function endOf(text: string): { line: number; col: number } {
  const body = text.replace(/\s+$/, "");
  const lastBreak = body.lastIndexOf("\n");
  return { line: body.split("\n").length, col: body.length - lastBreak };
}

/** Refuses what is not well-formed XML with one line saying where. */
function validate(text: string): void {
  const valid = XMLValidator.validate(text);
  if (valid === true) return;
  const { line, col, msg } = valid.err;
  // Elements still open at the end (a cut download) are reported at line 1, column 1:
  // say where the text ends instead, and which elements it leaves open.
  const open = /^Invalid '\[(.*)\]' found/s.exec(msg);
  if (open) {
    const end = endOf(text);
    const names = (JSON.parse(`[${open[1]}]`) as string[]).map((n) => `<${n}>`).join(", ");
    throw new ImportError(
      `truncated XML: it ends at line ${end.line}, column ${end.col} with ${names} still open`,
    );
  }
  throw new ImportError(`malformed XML at line ${line}, column ${col}: ${msg}`);
}

function parse(text: string): Node {
  validate(text);
  try {
    return parser.parse(text) as Node;
  } catch (err) {
    // The parser's own limits: entity expansion, nesting depth.
    throw new ImportError(`refused XML: ${(err as Error).message}`);
  }
}

export function parseFrabXml(text: string): Schedule {
  const doc = parse(text);
  const schedule = node(doc.schedule);
  if (!isObject(doc.schedule) || !isObject(schedule.conference))
    throw new ImportError("XML without <schedule><conference>: not a frab/Pentabarf schedule");
  const conf = node(schedule.conference);
  const zone = str(conf.time_zone_name) || null;
  const settings: FrabConference = {
    zone,
    dayChange: str(conf.day_change) || null,
    baseUrl: str(conf.base_url) || str(schedule.base_url),
  };
  const talks: ScheduleTalk[] = [];
  const add = (ev: unknown, day: Node, roomName: string) => {
    const e = node(ev);
    const dayDate = isoDate(day["@_date"]);
    const room = roomName || str(e.room);
    const id = str(e["@_id"]) || str(e["@_guid"]);
    const where = `<event id="${id}"> (day ${dayDate ?? "?"}, room ${room || "?"})`;
    if (!id && !str(e.slug)) throw new ImportError("no id, guid or slug", where);
    const event = {
      fields: e,
      id: str(e["@_id"]),
      guid: str(e["@_guid"]) || str(e.guid),
      persons: node(e.persons).person,
      links: links(e),
      room,
    };
    const frabDay = { date: dayDate, start: str(day["@_start"]) || null };
    talks.push(frabTalk(event, frabDay, where, settings));
  };
  for (const d of arr(schedule.day)) {
    const day = node(d);
    for (const room of arr(day.room)) {
      for (const ev of arr(node(room).event)) add(ev, day, str(node(room)["@_name"]));
    }
    for (const ev of arr(day.event)) add(ev, day, "");
  }
  return {
    format: "frab-xml",
    title: str(conf.title),
    start: conferenceDate(conf.start, zone),
    end: conferenceDate(conf.end, zone),
    timeZone: zone,
    url: str(conf.url) || str(schedule.url) || null,
    baseUrl: settings.baseUrl || null,
    location: str(conf.city) || str(conf.venue) || null,
    talks,
  };
}
