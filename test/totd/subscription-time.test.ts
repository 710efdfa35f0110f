import { describe, expect, it } from "vitest";
import { parseSubscriptionCommand } from "../../src/core/subscription-grammar.ts";
import { joinMeridiem, parseTimeOfDay } from "../../src/totd/subscription-time.ts";

const read = (text: string) => {
  const parsed = parseTimeOfDay(text);
  return parsed.ok ? parsed.value : parsed.message;
};

describe("parseTimeOfDay", () => {
  it("reads the 24-hour clock with a colon, a dot, four digits or an h", () => {
    const typed = ["9:05", "09:05", "9.30", "0900", "2130", "21h", "21h30", "0:00", "23:59"];
    expect(typed.map(read)).toEqual([
      "09:05",
      "09:05",
      "09:30",
      "09:00",
      "21:30",
      "21:00",
      "21:30",
      "00:00",
      "23:59",
    ]);
  });

  it("reads the 12-hour clock with am or pm, attached or apart, any case", () => {
    const typed = ["9am", "9 am", "9:30am", "9.30pm", "9PM", "9 p.m.", "12am", "12pm", "12:15am"];
    expect(typed.map(read)).toEqual([
      "09:00",
      "09:00",
      "09:30",
      "21:30",
      "21:00",
      "21:00",
      "00:00",
      "12:00",
      "00:15",
    ]);
  });

  it("refuses an hour alone and three digits (which clock?), naming the forms it reads", () => {
    const forms = "09:00, 17:30, 9.30, 0900, 21h, 9am, 9:30pm or 9 am";
    expect(["9", "930", "nine", "9:5"].map(read)).toEqual([
      `"9" is not a time I can read: write it like ${forms}.`,
      `"930" is not a time I can read: write it like ${forms}.`,
      `"nine" is not a time I can read: write it like ${forms}.`,
      `"9:5" is not a time I can read: write it like ${forms}.`,
    ]);
  });

  it("refuses times past the day's end and am/pm hours outside 1 to 12", () => {
    expect(["25:00", "2400", "9:60", "24h", "13pm", "0am"].map(read)).toEqual([
      '"25:00" is not a time of day: use HH:MM from 00:00 to 23:59, like 09:00.',
      '"2400" is not a time of day: use HH:MM from 00:00 to 23:59, like 09:00.',
      '"9:60" is not a time of day: use HH:MM from 00:00 to 23:59, like 09:00.',
      '"24h" is not a time of day: use HH:MM from 00:00 to 23:59, like 09:00.',
      '"13pm" is not a time of day: with am or pm, use 1 to 12, like 9am or 12:30pm.',
      '"0am" is not a time of day: with am or pm, use 1 to 12, like 9am or 12:30pm.',
    ]);
  });
});

describe("subscribe with a time", () => {
  it("joins a time and its am/pm written apart, and only after a time", () => {
    expect(joinMeridiem(["9", "AM", "Europe/Berlin"])).toEqual(["9 AM", "Europe/Berlin"]);
    expect(joinMeridiem(["am", "9"])).toEqual(["am", "9"]);
  });

  it("takes 9am, 9 am and 21h, with or without a zone", () => {
    expect(parseSubscriptionCommand("subscribe 9am")).toEqual({ kind: "subscribe", time: "09:00" });
    expect(parseSubscriptionCommand("subscribe 9 am Europe/Berlin")).toEqual({
      kind: "subscribe",
      time: "09:00",
      timeZone: "Europe/Berlin",
    });
    expect(parseSubscriptionCommand("subscribe at 21h")).toEqual({
      kind: "subscribe",
      time: "21:00",
    });
  });
});
