// One rule for a schedule's date and date-time fields, used by the frab (XML and JSON),
// schedule 2 and Indico parsers: a field that says no time that exists is refused,
// naming the record and the field; an empty one is no date, not a bad one.
import { describe, expect, it } from "vitest";
import { ImportError } from "../../src/import/types.ts";
import { checkDateTime } from "../../src/import/zoned-time.ts";

const refusal = (value: string) => {
  try {
    checkDateTime(value, "start", "events[3] (abc)");
  } catch (err) {
    expect(err).toBeInstanceOf(ImportError);
    return [(err as ImportError).where, (err as ImportError).problem];
  }
  return null;
};

describe("checkDateTime", () => {
  it("passes a date, a date-time with or without offset or seconds, and nothing at all", () => {
    expect(
      [
        "",
        "2027-05-12",
        "2027-05-12T10:00",
        "2027-05-12 10:00:30",
        "2027-05-12T10:00:00+02:00",
        "2027-05-12T23:59:59.5Z",
      ].map(refusal),
    ).toEqual([null, null, null, null, null, null]);
  });

  it("refuses a day or time that does not exist and words, naming record and field", () => {
    expect(
      ["2027-02-30", "2027-05-12T24:00", "next tuesday", "2027-05-12T1pm"].map(refusal),
    ).toEqual([
      ["events[3] (abc)", 'start "2027-02-30" is no ISO 8601 date or date-time'],
      ["events[3] (abc)", 'start "2027-05-12T24:00" is no ISO 8601 date or date-time'],
      ["events[3] (abc)", 'start "next tuesday" is no ISO 8601 date or date-time'],
      ["events[3] (abc)", 'start "2027-05-12T1pm" is no ISO 8601 date or date-time'],
    ]);
  });
});
