import { describe, expect, it } from "vitest";
import {
  abstractText,
  cutAtWord,
  plainLine,
  plainText,
  summaryOf,
} from "../../src/import/plain-text.ts";

describe("plainText", () => {
  it("turns HTML into one line of text: tags gone, entities decoded, hrefs dropped", () => {
    expect(
      plainText('<p>Fast <em>live</em> migration &amp; <a href="https://example.org">VFIO</a></p>'),
    ).toBe("Fast live migration & VFIO");
  });

  it("makes hostile content inert: scripts, styles, images, javascript: links vanish", () => {
    const html =
      "<script>alert(1)</script><style>p{}</style><img src=x onerror=alert(2)>" +
      '<a href="javascript:alert(3)">click</a> here';
    expect(plainText(html)).toBe("click here");
  });

  it("removes control and bidi characters and collapses whitespace", () => {
    expect(plainText("a\u202Eevil\u202C\u0007 b\n\n\tc\u200B")).toBe("aevil b c");
  });

  it("leaves plain text alone apart from cleaning", () => {
    expect(plainText("Uses a < b comparisons")).toBe("Uses a < b comparisons");
  });

  it("bounds a 100 KB abstract", () => {
    const text = plainText(`<p>${"word ".repeat(60_000)}</p>`);
    expect(text.length).toBeLessThanOrEqual(200_000);
    expect(summaryOf(text).length).toBeLessThanOrEqual(700);
  });
});

describe("summaryOf and cutAtWord", () => {
  it("keeps whole sentences up to about 500 characters", () => {
    const s1 = `${"a".repeat(300)}.`;
    const s2 = `${"b".repeat(150)}!`;
    const s3 = `${"c".repeat(100)}.`;
    expect(summaryOf(`${s1} ${s2} ${s3}`)).toBe(`${s1} ${s2}`);
  });

  it("returns short text unchanged", () => {
    expect(summaryOf("One sentence. Two.")).toBe("One sentence. Two.");
  });

  it("cuts a single overlong sentence at a word, with an ellipsis", () => {
    const out = summaryOf("word ".repeat(300).trim());
    expect(out.length).toBeLessThanOrEqual(700);
    expect(out.endsWith("word…")).toBe(true);
  });

  it("never drops the start of the abstract; segments by Intl.Segmenter", () => {
    const text = `Version 2.5 of the e.g. ${"x".repeat(480)} tool. Second sentence here.`;
    expect(summaryOf(text)).toBe(`Version 2.5 of the e.g. ${"x".repeat(480)} tool.`);
  });

  it("does not end on an abbreviation the segmenter breaks after", () => {
    const first = `${"a ".repeat(200)}and more etc.`;
    const text = `${first} And it goes on. ${"B ".repeat(200)}.`;
    expect(summaryOf(text)).toBe(`${first} And it goes on.`);
  });

  it("a 200,000-character abstract without a sentence end gives a bounded summary", () => {
    const out = summaryOf("virtualization ".repeat(13_334).trim());
    expect(out.length).toBeLessThanOrEqual(700);
    expect(out.startsWith("virtualization virtualization")).toBe(true);
  });

  it("cutAtWord and plainLine", () => {
    expect(cutAtWord("alpha beta gamma", 12)).toBe("alpha beta…");
    expect(plainLine("  <b>KVM</b>\u0000 Forum  ", 40)).toBe("KVM Forum");
  });
});

describe("summaryOf: a footnote or quote opening the next sentence", () => {
  it("ends on the sentence, not on the bracket ICU counts as its closing punctuation", () => {
    const first = `The programme has certified ${"many boards, ".repeat(30)}from 50 countries as open hardware.`;
    const text = `${first}[2] This talk explains why. It also covers what comes next, ${"and more ".repeat(40)}here.`;
    // Before: "... as open hardware.[" — the summary ended on the footnote's bracket.
    expect(summaryOf(text)).toBe(`${first}[2] This talk explains why.`);
    expect(summaryOf(`${"Word ".repeat(90)}ends.[3] ${"More ".repeat(90)}text.`)).toBe(
      `${"Word ".repeat(90)}ends.`,
    );
  });

  it("moves a German opening quote to the sentence it opens", () => {
    const first = `Wir zeigen ${"viele Messungen, ".repeat(28)}und Ergebnisse.`;
    const text = `${first} „Schneller geht es nicht“, sagte man uns. ${"Weiter ".repeat(60)}Ende.`;
    expect(summaryOf(text)).toBe(first);
  });
});

describe("abstractText: Markdown is rendered, within bounds", () => {
  it("renders headings, emphasis, links and lists; leaves HTML and plain text to plainText", () => {
    expect(
      abstractText(
        "##### Motivation\nIt is *fast*, see [the docs](https://e.org).\n\n- one\n- two",
      ),
    ).toBe("Motivation It is fast, see the docs. • one • two");
    expect(abstractText("<p>Already <b>HTML</b> with *stars*</p>")).toBe(
      "Already HTML with *stars*",
    );
    expect(abstractText("Plain text, e.g. snake_case_name in C#.")).toBe(
      "Plain text, e.g. snake_case_name in C#.",
    );
  });

  it("renders at most 12,000 characters of a huge Markdown abstract", () => {
    const text = abstractText("- item\n".repeat(28_000));
    expect(text.length).toBeLessThan(12_000);
    expect(text.startsWith("• item • item")).toBe(true);
  });
});
