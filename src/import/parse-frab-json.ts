// The c3voc schedule JSON (voc/schedule validator/schema.json), as frab and pretalx
// export it: schedule.conference.days[].rooms{ROOM: [event, ...]}; version 2 (the CCC hub's
// flat schedule.events[]) is read by parse-frab-json2.ts.

import { type FrabConference, frabTalk, videoLinks } from "./frab-event.ts";
import { frabJsonSchedule, isScheduleV2, parseFrabJsonV2 } from "./parse-frab-json2.ts";
import { ImportError, type RawLink, type Schedule, type ScheduleTalk } from "./types.ts";
import { arr, isObject, isoDate, type Node, node, str } from "./values.ts";

function links(ev: Node): RawLink[] {
  const out: RawLink[] = [];
  for (const l of arr(ev.links)) out.push({ url: str(node(l).url), title: str(node(l).title) });
  for (const a of arr(ev.attachments))
    out.push({ url: str(node(a).url), title: str(node(a).title), kind: "attachment" });
  return [...out, ...videoLinks(ev)];
}

export function parseFrabJson(json: unknown): Schedule {
  const schedule = node(node(json).schedule);
  if (isScheduleV2(schedule)) return parseFrabJsonV2(schedule);
  const conf = node(schedule.conference);
  if (!Array.isArray(conf.days))
    throw new ImportError("no schedule.conference.days[]: not a c3voc schedule JSON");
  const zone = str(conf.time_zone_name) || null;
  const settings: FrabConference = {
    zone,
    dayChange: str(conf.day_change) || null,
    baseUrl: str(schedule.base_url),
  };
  const talks: ScheduleTalk[] = [];
  conf.days.forEach((day: unknown, d: number) => {
    const frabDay = { date: isoDate(node(day).date), start: str(node(day).day_start) || null };
    const rooms = node(day).rooms;
    if (!isObject(rooms))
      throw new ImportError("rooms is not an object of room → events", `days[${d}]`);
    for (const [room, events] of Object.entries(rooms)) {
      if (!Array.isArray(events))
        throw new ImportError("not a list of events", `days[${d}].rooms["${room}"]`);
      events.forEach((ev: unknown, i: number) => {
        const where = `days[${d}].rooms["${room}"][${i}]`;
        const e = node(ev);
        if (!str(e.guid) && !str(e.id) && !str(e.slug))
          throw new ImportError("no guid, id or slug", where);
        const event = {
          fields: e,
          id: str(e.id),
          guid: str(e.guid),
          persons: e.persons,
          links: links(e),
          room,
        };
        talks.push(frabTalk(event, frabDay, `${where} (id ${event.id || event.guid})`, settings));
      });
    }
  });
  return frabJsonSchedule(conf, zone, settings.baseUrl || null, talks);
}
