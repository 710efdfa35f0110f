// Time-zone abbreviations people type ("subscribe 08:00 CET"). An abbreviation names an
// offset, not a place: most stand for many IANA zones with different summer rules, so
// only the unambiguous ones are taken as they are; the others are answered with the
// IANA names they may mean. Closest-spelling matching must never see them: "CET" is three
// letters from "Africa/Ceuta".

/** Abbreviations that name one zone. */
const EXACT: Readonly<Record<string, string>> = Object.freeze({
  UTC: "UTC",
  Z: "UTC",
  UT: "UTC",
});

/** Abbreviations that may mean several zones: the likeliest first. */
const AMBIGUOUS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  GMT: ["Europe/London", "UTC"],
  BST: ["Europe/London"],
  WET: ["Europe/Lisbon"],
  WEST: ["Europe/Lisbon"],
  CET: ["Europe/Berlin", "Europe/Paris", "Europe/Prague"],
  CEST: ["Europe/Berlin", "Europe/Paris", "Europe/Prague"],
  EET: ["Europe/Helsinki", "Europe/Athens", "Europe/Bucharest"],
  EEST: ["Europe/Helsinki", "Europe/Athens", "Europe/Bucharest"],
  MSK: ["Europe/Moscow"],
  IST: ["Asia/Kolkata", "Europe/Dublin", "Asia/Jerusalem"],
  JST: ["Asia/Tokyo"],
  KST: ["Asia/Seoul"],
  CST: ["America/Chicago", "Asia/Shanghai"],
  CDT: ["America/Chicago"],
  EST: ["America/New_York", "America/Toronto"],
  EDT: ["America/New_York", "America/Toronto"],
  MST: ["America/Denver", "America/Phoenix"],
  MDT: ["America/Denver"],
  PST: ["America/Los_Angeles", "America/Vancouver"],
  PDT: ["America/Los_Angeles", "America/Vancouver"],
  AEST: ["Australia/Sydney", "Australia/Brisbane"],
  AEDT: ["Australia/Sydney", "Australia/Melbourne"],
  NZST: ["Pacific/Auckland"],
  NZDT: ["Pacific/Auckland"],
});

type Abbreviation =
  | { readonly kind: "zone"; readonly zone: string }
  | { readonly kind: "ambiguous"; readonly zones: readonly string[] }
  | { readonly kind: "none" };

export function readAbbreviation(text: string): Abbreviation {
  const key = text.trim().toUpperCase();
  const exact = EXACT[key];
  if (exact) return { kind: "zone", zone: exact };
  const zones = AMBIGUOUS[key];
  return zones ? { kind: "ambiguous", zones } : { kind: "none" };
}

/** The one-line answer to an ambiguous abbreviation. */
export function abbreviationAnswer(text: string, zones: readonly string[]): string {
  const names =
    zones.length === 1 ? zones[0]! : `${zones.slice(0, -1).join(", ")} or ${zones.at(-1)}`;
  return `"${text}" is an abbreviation, not a place: write the zone of your city, e.g. ${names}.`;
}
