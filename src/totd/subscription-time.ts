// The two arguments of `subscribe [HH:MM] [Area/City]`: a local time of day and an IANA
// time zone, each checked with a one-line answer that says what was expected (and, for a
// zone, the closest name the runtime knows).
import { editDistance } from "../core/edit-distance.ts";
import { abbreviationAnswer, readAbbreviation } from "./zone-abbreviations.ts";

type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly message: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(message: string): Parsed<T> => ({ ok: false, message });

/** "9:05" and "09:05" (24-hour clock) → "09:05". */
export function parseTimeOfDay(text: string): Parsed<string> {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (!m) {
    return fail(
      `"${text}" is not a time I can read: write it as HH:MM on the 24-hour clock, like 09:00 or 17:30.`,
    );
  }
  const hours = Number(m[1]);
  const minutes = Number(m[2]);
  if (hours > 23 || minutes > 59) {
    return fail(`"${text}" is not a time of day: use HH:MM from 00:00 to 23:59, like 09:00.`);
  }
  return ok(`${String(hours).padStart(2, "0")}:${m[2]}`);
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
