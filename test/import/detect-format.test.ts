import { describe, expect, it } from "vitest";
import { detectFormat } from "../../src/import/detect-format.ts";
import { ImportError } from "../../src/import/types.ts";

const fail = (text: string, format?: Parameters<typeof detectFormat>[1]) => {
  try {
    detectFormat(text, format);
  } catch (err) {
    expect(err).toBeInstanceOf(ImportError);
    return (err as ImportError).message;
  }
  throw new Error("expected an ImportError");
};

describe("detectFormat", () => {
  it.each([
    ['<?xml version="1.0"?>\n<schedule><conference/></schedule>', "frab-xml"],
    ["\uFEFF  <schedule>", "frab-xml"],
    ["BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "ical"],
    ['{"schedule":{"conference":{"days":[]}}}', "frab-json"],
    ['{"count":1,"results":[{"contributions":[]}]}', "indico"],
    ['{"count":1,"results":{"42":{}}}', "indico"],
  ])("%j is %s", (text, format) => {
    expect(detectFormat(text).format).toBe(format);
  });

  it("refuses JSON and XML that are no known schedule format", () => {
    expect(fail('{"talks":[]}')).toMatch(/^JSON that is no known schedule format/);
    expect(fail("<rss><channel/></rss>")).toMatch(/^XML that is no known schedule format/);
    expect(fail("")).toBe("empty input");
    expect(fail("title,speaker\n")).toMatch(/^no known schedule format/);
  });

  it("names malformed JSON", () => {
    expect(fail('{"schedule": {"conference": ')).toMatch(/^malformed JSON: /);
  });

  it("--format overrides detection but still checks the content", () => {
    expect(detectFormat('{"results":[]}', "indico").format).toBe("indico");
    expect(fail('{"results":[]}', "frab-json")).toMatch(/^not a frab-json schedule/);
    expect(fail("<schedule/>", "ical")).toBe("not iCalendar (--format ical)");
  });
});
