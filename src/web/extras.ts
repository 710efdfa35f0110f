// Fields a talk may carry beyond the catalog's core shape: a schedule's subtitle, start and
// end (ISO 8601 with offset), time zone (IANA) and room, and an imported talk's source.
// All optional in the catalog: the talk pages must work with talks that have none of them.
import type { Talk } from "../core/talk.ts";
import { NO_EXTRAS, type TalkExtras } from "../render/web/talk.ts";

const str = (value: unknown): string | null =>
  typeof value === "string" && value.trim() !== "" ? value : null;

export function talkExtras(talk: Talk): TalkExtras {
  const t = talk;
  const source = t.source;
  const origin = str(source?.origin);
  if (!str(t.subtitle) && !str(t.start) && !str(t.room) && !origin) return NO_EXTRAS;
  return {
    subtitle: str(t.subtitle),
    start: str(t.start),
    end: str(t.end),
    timeZone: str(t.timeZone),
    room: str(t.room),
    source:
      origin === null
        ? null
        : {
            format: str(source?.format) ?? "schedule",
            origin,
            importedAt: str(source?.importedAt) ?? "",
          },
  };
}
