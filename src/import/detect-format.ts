// Which schedule format a text is, from its content: the file name and the server's
// content type are often wrong (pretalx serves JSON as text/plain, sched as text/html).
import { ImportError, type ScheduleFormat } from "./types.ts";

type Detected =
  | { readonly format: "frab-xml" | "ical"; readonly text: string }
  | { readonly format: "frab-json" | "indico"; readonly json: unknown };

const KNOWN =
  "expected frab/Pentabarf XML (<schedule>), c3voc schedule JSON ({schedule: {conference}}), " +
  "an Indico export ({results}) or iCalendar (BEGIN:VCALENDAR)";

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function jsonFormat(json: unknown): ScheduleFormat | null {
  if (!isObject(json)) return null;
  if (isObject(json.schedule) && isObject(json.schedule.conference)) return "frab-json";
  if ("results" in json && (Array.isArray(json.results) || isObject(json.results))) return "indico";
  return null;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ImportError(`malformed JSON: ${(err as Error).message}`);
  }
}

/** Detects the format (or checks `forced`); JSON is parsed once here. */
export function detectFormat(raw: string, forced?: ScheduleFormat): Detected {
  const text = raw.replace(/^\uFEFF/, "");
  const head = text.trimStart().slice(0, 2000);
  if (!head) throw new ImportError("empty input");
  const looksJson = head.startsWith("{") || head.startsWith("[");
  const looksIcal = /^BEGIN:VCALENDAR/i.test(head);
  const looksXml = head.startsWith("<");
  if (forced === "frab-xml" || forced === "ical") {
    if (forced === "ical" ? !looksIcal : !looksXml)
      throw new ImportError(`not ${forced === "ical" ? "iCalendar" : "XML"} (--format ${forced})`);
    return { format: forced, text };
  }
  if (forced) {
    const json = parseJson(text);
    if (jsonFormat(json) !== forced)
      throw new ImportError(`not a ${forced} schedule (--format ${forced}); ${KNOWN}`);
    return { format: forced, json };
  }
  if (looksIcal) return { format: "ical", text };
  if (looksXml) {
    if (!/<schedule[\s>]/.test(text.slice(0, 100_000)))
      throw new ImportError(`XML that is no known schedule format: ${KNOWN}`);
    return { format: "frab-xml", text };
  }
  if (looksJson) {
    const json = parseJson(text);
    const format = jsonFormat(json);
    if (!format || format === "frab-xml" || format === "ical")
      throw new ImportError(`JSON that is no known schedule format: ${KNOWN}`);
    return { format, json };
  }
  throw new ImportError(`no known schedule format: ${KNOWN}`);
}
