import { describe, expect, it } from "vitest";
import { abbreviationAnswer, readAbbreviation } from "../../src/totd/zone-abbreviations.ts";

describe("time-zone abbreviations", () => {
  it.each([
    ["UTC", { kind: "zone", zone: "UTC" }],
    ["z", { kind: "zone", zone: "UTC" }],
    ["cet", { kind: "ambiguous", zones: ["Europe/Berlin", "Europe/Paris", "Europe/Prague"] }],
    ["PST", { kind: "ambiguous", zones: ["America/Los_Angeles", "America/Vancouver"] }],
    ["GMT", { kind: "ambiguous", zones: ["Europe/London", "UTC"] }],
    ["Europe/Berlin", { kind: "none" }],
  ])("%s", (text, expected) => expect(readAbbreviation(text)).toEqual(expected));

  it("answers with the IANA names the abbreviation may mean", () => {
    expect(abbreviationAnswer("CET", ["Europe/Berlin", "Europe/Paris", "Europe/Prague"])).toBe(
      '"CET" is an abbreviation, not a place: write the zone of your city, e.g. Europe/Berlin, Europe/Paris or Europe/Prague.',
    );
    expect(abbreviationAnswer("MSK", ["Europe/Moscow"])).toBe(
      '"MSK" is an abbreviation, not a place: write the zone of your city, e.g. Europe/Moscow.',
    );
  });

  it("every zone named is one the runtime knows", () => {
    const known = new Set([...Intl.supportedValuesOf("timeZone"), "UTC"]);
    for (const text of [
      "GMT",
      "BST",
      "CET",
      "EET",
      "IST",
      "CST",
      "EST",
      "MST",
      "PST",
      "AEST",
      "NZST",
      "JST",
      "KST",
      "MSK",
      "WET",
    ]) {
      const read = readAbbreviation(text);
      const zones = read.kind === "ambiguous" ? read.zones : [];
      for (const zone of zones)
        expect(
          known.has(zone) ||
            Intl.DateTimeFormat("en", { timeZone: zone }).resolvedOptions().timeZone,
        ).toBeTruthy();
    }
  });
});
