// The text every public page prints: text() skips cleaning and escaping for plain text, and
// must give exactly what cleaning, clipping and escaping give, for any string.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sanitizeInput } from "../../../src/core/sanitize.ts";
import { escapeHtml, text } from "../../../src/render/web/html.ts";

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
const escaped = (s: string) => s.replace(/[&<>"']/g, (c) => ENTITIES[c]!);

/** The definition: cleaned, clipped at a code point with "…", escaped. */
function reference(value: string, max: number): string {
  const points = Array.from(sanitizeInput(value));
  if (points.length <= max) return escaped(points.join(""));
  return escaped(
    `${points
      .slice(0, max - 1)
      .join("")
      .trimEnd()}…`,
  );
}

// Plain letters and every kind of character the cleaning or escaping touches.
const piece = fc.constantFrom(
  "a",
  "Zé",
  " ",
  "  ",
  "\t",
  "\n",
  "\u00a0",
  "\u2028",
  "\u0000",
  "\u007f",
  "\u0085",
  "\u061c",
  "\u200b",
  "\u202e",
  "\u2066",
  "\ufeff",
  "&",
  "<",
  ">",
  '"',
  "'",
  "😀",
  "Ω",
  // Lone surrogates: a clip must count code points as Array.from does.
  "\ud83d",
  "\ude00",
);

describe("text", () => {
  it("is cleaning, clipping and escaping, for any string", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(piece, piece, fc.constant("abc def ")), { maxLength: 40 }),
        fc.integer({ min: 1, max: 16 }),
        (ps, max) => {
          const value = ps.join("");
          expect(text(value, max)).toBe(reference(value, max));
          expect(escapeHtml(value)).toBe(escaped(value));
        },
      ),
      { numRuns: 5_000 },
    );
  });

  it("returns plain text as it is, and anything else cleaned", () => {
    expect(text("Live migration of VFIO devices")).toBe("Live migration of VFIO devices");
    expect(text(" a\u202e b  c ")).toBe("a b c");
    expect(text("x\u00a0y")).toBe("x y");
    expect(text(42)).toBe("");
  });
});
