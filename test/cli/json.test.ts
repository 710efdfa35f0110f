// jsonLines prints a long list in pieces; together they are JSON.stringify's text.
import { describe, expect, it } from "vitest";
import { jsonLines } from "../../src/cli/json.ts";

describe("jsonLines", () => {
  it.each([0, 1, 2, 255, 256, 257, 600])(
    "%i items: the pieces, one line each, are the array",
    (n) => {
      const items = Array.from({ length: n }, (_, i) => ({
        id: `talk-${i}`,
        title: `Line\nbreak "${i}" — über`,
        speakers: i % 2 ? [] : ["Ada Example", "Bo Example"],
        links: [{ kind: "page", url: `https://example.org/${i}` }],
      }));
      const printed = [...jsonLines(items, (t) => ({ ...t, year: 2026 }))].map((p) => `${p}\n`);
      expect(printed.join("")).toBe(
        `${JSON.stringify(
          items.map((t) => ({ ...t, year: 2026 })),
          null,
          2,
        )}\n`,
      );
    },
  );
});
