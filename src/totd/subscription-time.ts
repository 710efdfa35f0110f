// The two arguments of `subscribe [TIME] [Area/City]`: a local time of day and an IANA
// time zone, each checked with a one-line answer that says what was expected (and, for a
// zone, the closest name the runtime knows).
import { editDistance } from "../core/edit-distance.ts";
import { abbreviationAnswer, readAbbreviation } from "./zone-abbreviations.ts";

type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly message: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(message: string): Parsed<T> => ({ ok: false, message });

/** The forms a refused time is answered with: every one parseTimeOfDay reads. */
const TIME_FORMS = "09:00, 17:30, 9.30, 0900, 21h, 9am, 9:30pm or 9 am";

const unreadable = (text: string) =>
  fail<string>(`"${text}" is not a time I can read: write it like ${TIME_FORMS}.`);

const hhmm = (hours: number, minutes: number) =>
  `${String(hours).padStart(2, "0")}:${String(minutes).padStart(2, "0")}`;

// Only forms that name one time of day: "9" alone (morning or evening?) and "930" are
// refused; "9am", "21h" and four digits ("0900", the 24-hour clock) are not ambiguous.
const TWENTY_FOUR = [/^(\d{1,2})[:.](\d{2})$/, /^(\d{2})(\d{2})$/, /^(\d{1,2})h(\d{2})?$/];
const TWELVE = /^(\d{1,2})(?:[:.](\d{2}))?(am|pm|a\.m\.?|p\.m\.?)$/;

/**
 * A local time of day as HH:MM: the 24-hour clock ("9:05", "09:05", "9.05", "0905",
 * "21h", "21h30") or the 12-hour one with am/pm ("9am", "9:30pm", "12am" is midnight).
 */
export function parseTimeOfDay(text: string): Parsed<string> {
  const typed = text.toLowerCase().replace(/\s+/g, "");
  const twelve = TWELVE.exec(typed);
  if (twelve) {
    const hours = Number(twelve[1]);
    const minutes = Number(twelve[2] ?? "0");
    if (hours < 1 || hours > 12 || minutes > 59)
      return fail(
        `"${text}" is not a time of day: with am or pm, use 1 to 12, like 9am or 12:30pm.`,
      );
    const afternoon = twelve[3]!.startsWith("p");
    return ok(hhmm((hours % 12) + (afternoon ? 12 : 0), minutes));
  }
  for (const form of TWENTY_FOUR) {
    const m = form.exec(typed);
    if (!m) continue;
    const hours = Number(m[1]);
    const minutes = Number(m[2] ?? "0");
    if (hours > 23 || minutes > 59)
      return fail(`"${text}" is not a time of day: use HH:MM from 00:00 to 23:59, like 09:00.`);
    return ok(hhmm(hours, minutes));
  }
  return unreadable(text);
}

const MERIDIEM = new Set(["am", "pm", "a.m", "p.m", "a.m.", "p.m."]);

/** "9", "am" → "9 am": a time and its am/pm written apart, as one argument. */
export function joinMeridiem(args: readonly string[]): string[] {
  const out: string[] = [];
  for (const arg of args) {
    const last = out.at(-1);
    if (last !== undefined && looksLikeTime(last) && MERIDIEM.has(arg.toLowerCase()))
      out[out.length - 1] = `${last} ${arg}`;
    else out.push(arg);
  }
  return out;
}

/** Does the token look like a time (a digit first), rather than a zone? */
export const looksLikeTime = (token: string): boolean => /^\d/.test(token);

let zones: readonly string[] | null = null;
function knownZones(): readonly string[] {
  zones ??= [...Intl.supportedValuesOf("timeZone"), "UTC"];
  return zones;
}

/** The zone's canonical spelling ("europe/berlin" → "Europe/Berlin"), or undefined. */
function canonicalZone(name: string): string | undefined {
  const exact = knownZones().find((z) => z.toLowerCase() === name.toLowerCase());
  if (exact) return exact;
  // Area/City names only: abbreviations like "EST" or "CET" are ambiguous or outdated.
  if (!name.includes("/")) return undefined;
  try {
    // Links the list leaves out (e.g. "Asia/Calcutta") are still valid zones.
    return new Intl.DateTimeFormat("en", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** The known zone closest to `name`: by its city part, then by the whole name. */
function closestZone(name: string): string | undefined {
  const wanted = name.replace(/ /g, "_").toLowerCase();
  const distance = (a: string, z: string) => editDistance(a, z.toLowerCase());
  const city = (z: string) => z.slice(z.lastIndexOf("/") + 1);
  let best: { zone: string; score: number } | undefined;
  for (const zone of knownZones()) {
    const score = wanted.includes("/")
      ? distance(wanted, zone)
      : Math.min(distance(wanted, city(zone)), distance(wanted, zone));
    if (!best || score < best.score) best = { zone, score };
  }
  // Too far off to be a typo: no suggestion beats a wrong one.
  return best && best.score <= Math.max(2, Math.floor(wanted.length / 3)) ? best.zone : undefined;
}

export function parseTimeZone(text: string): Parsed<string> {
  // Abbreviations before closest spelling: "CET" is not a typo of "Africa/Ceuta".
  const abbreviation = readAbbreviation(text);
  if (abbreviation.kind === "zone") return ok(abbreviation.zone);
  if (abbreviation.kind === "ambiguous") return fail(abbreviationAnswer(text, abbreviation.zones));
  const zone = canonicalZone(text);
  if (zone) return ok(zone);
  const near = closestZone(text);
  return fail(
    near
      ? `I don't know the time zone "${text}"; did you mean ${near}?`
      : `I don't know the time zone "${text}"; use an IANA name like Europe/Berlin or America/New_York.`,
  );
}
