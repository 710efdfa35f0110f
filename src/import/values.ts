// Small readers for untyped schedule data: a parser never trusts a field's type.
import { createHash } from "node:crypto";

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

export type Node = Record<string, unknown>;
/** An object field, or {} for anything else, so nested reads never throw. */
export const node = (v: unknown): Node => (isObject(v) ? v : {});

/** A string field (numbers allowed), an XML text node ({"#text": ...}), else "". */
export function str(v: unknown): string {
  if (typeof v === "string") return v.trim();
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  if (isObject(v) && "#text" in v) return str(v["#text"]);
  return "";
}

export function arr(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  return v === undefined || v === null || v === "" ? [] : [v];
}

/** "2026-01-31T10:30:00+01:00" or "2026-01-31" → "2026-01-31" (the date as written). */
export function isoDate(v: unknown): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(str(v));
  return m ? m[1]! : null;
}

/** Lower-case ASCII slug: "Live Migration of vGPUs!" → "live-migration-of-vgpus". */
export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/**
 * A slug for any text: its Latin letters and digits, else (a name in Cyrillic, Chinese,
 * ...) "x" and 8 hex digits of its hash, so an id is always valid and never changes
 * between imports.
 */
export function slugOrHash(text: string): string {
  return slugify(text) || `x${createHash("sha256").update(text).digest("hex").slice(0, 8)}`;
}

/**
 * A person's name from the shapes schedules use: a string, or an object with a display
 * name (frab, pretalx, Indico timetable), first and last names, or Indico's legacy
 * "Last, First" fullName.
 */
export function personName(p: unknown): string {
  if (!isObject(p)) return str(p);
  // First and last names first: Indico's display names read "Last, First".
  const first = str(p.first_name) || str(p.firstName);
  const last = str(p.last_name) || str(p.familyName) || str(p.lastName);
  if (first && last) return `${first} ${last}`;
  const display = str(p.public_name) || str(p.full_public_name) || str(p["#text"]);
  if (display) return display;
  return lastFirst(str(p.name) || str(p.fullName) || str(p.full_name)) || first || last;
}

/** Indico's "Lovelace, Ada" → "Ada Lovelace"; any other name as it is. */
function lastFirst(name: string): string {
  const comma = name.indexOf(",");
  if (comma < 0 || comma !== name.lastIndexOf(",")) return name;
  const last = name.slice(0, comma).trim();
  const first = name.slice(comma + 1).trim();
  return last && first ? `${first} ${last}` : name;
}

/** "pretalx:<event>/<CODE>" of a pretalx talk page URL (/<event>/talk/<CODE>/), else null. */
export function pageIdentity(url: string): string | null {
  const m = /\/([\w-]+)\/talk\/([A-Z0-9]{5,12})\/?$/.exec(url);
  return m ? `pretalx:${m[1]}/${m[2]}` : null;
}
