import { describe, expect, it } from "vitest";
import type { TalkCard } from "../../src/core/card.ts";
import { HELP } from "../../src/core/help.ts";
import {
  consoleCard,
  NOTHING_TO_PAGE,
  pageFooter,
  renderConsoleAnswer,
} from "../../src/render/console/answer.ts";
import { clean, wrap } from "../../src/render/console/text.ts";

const vfio: TalkCard = {
  id: "kvm-forum-2011-vfio",
  title: "VFIO-based PCI device assignment",
  speakers: ["Alex Williamson"],
  event: "KVM Forum 2011",
  year: 2011,
  date: "2011-08-15",
  summary:
    "Alex Williamson presented VFIO, a userspace driver interface that lets QEMU assign PCI devices to guests with IOMMU protection, replacing the older KVM device assignment code.",
  keyPoints: [
    "Groups of devices follow IOMMU isolation boundaries, so a whole group is assigned at once",
    "Userspace gets DMA mapping ioctls",
  ],
  topics: ["vfio", "device-assignment", "iommu"],
  links: [
    { kind: "slides", label: "Slides", url: "http://example.org/vfio.pdf" },
    { kind: "event", label: "Event page", url: "http://example.org/kvm-forum-2011" },
  ],
  url: "http://example.org/vfio.pdf",
  heading: null,
};

const bare: TalkCard = {
  ...vfio,
  id: "plumbers-2012-weather",
  title: "Weather report",
  speakers: [],
  event: "Plumbers",
  year: 2012,
  date: null,
  summary: "Short.",
  topics: ["kvm"],
  links: [],
  url: null,
};

const VFIO_CARD = [
  "VFIO-based PCI device assignment",
  "   Alex Williamson · KVM Forum 2011",
  "   Alex Williamson presented VFIO, a userspace driver interface that lets QEMU",
  "   assign PCI devices to guests with IOMMU protection, replacing the older KVM",
  "   device assignment code.",
  "   Topics: vfio, device-assignment, iommu",
  "   Slides: http://example.org/vfio.pdf",
  "   Event page: http://example.org/kvm-forum-2011",
].join("\n");

const BARE_BODY = [
  "   speaker not named in the sources · Plumbers 2012",
  "   Short.",
  "   Topics: kvm",
  "   Links: no link in the sources",
].join("\n");

describe("consoleCard", () => {
  it("prints title, byline, wrapped summary, topics and one line per link", () => {
    expect(consoleCard(vfio)).toBe(VFIO_CARD);
  });

  it("keeps every line within 80 columns when words allow", () => {
    for (const line of consoleCard(vfio, { full: true }).split("\n")) {
      expect(line.length).toBeLessThanOrEqual(80);
    }
  });

  it("adds the date and key points in the full view", () => {
    expect(consoleCard(vfio, { full: true })).toBe(
      [
        "VFIO-based PCI device assignment",
        "   Alex Williamson · KVM Forum 2011",
        "   Date: 2011-08-15",
        "   Alex Williamson presented VFIO, a userspace driver interface that lets QEMU",
        "   assign PCI devices to guests with IOMMU protection, replacing the older KVM",
        "   device assignment code.",
        "   Key points:",
        "   - Groups of devices follow IOMMU isolation boundaries, so a whole group is",
        "     assigned at once",
        "   - Userspace gets DMA mapping ioctls",
        "   Topics: vfio, device-assignment, iommu",
        "   Slides: http://example.org/vfio.pdf",
        "   Event page: http://example.org/kvm-forum-2011",
      ].join("\n"),
    );
  });

  it("says so when the sources name no speaker and give no link", () => {
    expect(consoleCard(bare)).toBe(`Weather report\n${BARE_BODY}`);
  });

  it("neutralizes escape sequences and control characters in displayed text", () => {
    const evil = {
      ...bare,
      title:
        "Evil \u001b[31mred\u001b[0m \u001b]8;;http://x\u0007link\u001b]8;;\u0007 \u202etxt\u009b2J\u0000bell\u0007",
    };
    expect(consoleCard(evil)).toBe(`Evil red link txtbell\n${BARE_BODY}`);
  });
});

describe("renderConsoleAnswer", () => {
  it("heads the talk of the day", () => {
    const card = { ...bare, heading: "Talk of the day · 2026-11-22" };
    expect(renderConsoleAnswer({ kind: "talk", reason: "today", card })).toBe(
      `=== Talk of the day · 2026-11-22 ===\nWeather report\n${BARE_BODY}`,
    );
  });

  it("heads a random talk even when the card has no heading", () => {
    expect(renderConsoleAnswer({ kind: "talk", reason: "random", card: bare })).toBe(
      `=== Random talk ===\nWeather report\n${BARE_BODY}`,
    );
  });

  it("numbers a results page, notes corrections and points at `more`", () => {
    const text = renderConsoleAnswer({
      kind: "results",
      query: "migraton",
      hits: [
        { card: vfio, score: 2, matched: ["migration"] },
        { card: bare, score: 1, matched: ["migration"] },
      ],
      offset: 3,
      total: 7,
      corrections: ["migraton → migration"],
    });
    expect(text).toBe(
      [
        'Talks matching "migraton" (searched for: migration):',
        "",
        VFIO_CARD.replace("VFIO-based", "4. VFIO-based"),
        "",
        `5. Weather report\n${BARE_BODY}`,
        "",
        "Showing 4–5 of 7 — type `more` for the next page",
      ].join("\n"),
    );
  });

  it("says no results and suggests topics", () => {
    expect(
      renderConsoleAnswer({
        kind: "no-results",
        query: "kubernetes",
        suggestions: ["numa", "vfio"],
        speakers: [],
      }),
    ).toBe(
      [
        'No talks found for "kubernetes".',
        "Try a topic: numa, vfio (e.g. topic:numa).",
        "Type `help` for the commands and examples.",
      ].join("\n"),
    );
  });

  it("says which filter matches nothing instead of topics to try", () => {
    expect(
      renderConsoleAnswer({
        kind: "no-results",
        query: "year:2020",
        why: "No talk in the catalog is from 2020: its talks are from 2009 to 2012.",
        suggestions: [],
        speakers: [],
      }),
    ).toBe(
      [
        'No talks found for "year:2020".',
        "No talk in the catalog is from 2020: its talks are from 2009 to 2012.",
        "Type `help` for the commands and examples.",
      ].join("\n"),
    );
  });

  it("prints the grammar with the three examples", () => {
    expect(renderConsoleAnswer({ kind: "help", help: HELP })).toBe(
      [
        "I find Linux virtualization conference talks (KVM, QEMU, Xen).",
        "",
        "  WORDS                        search talks, e.g. numa, vfio, post-copy migration",
        "  speaker:NAME                 talks by a speaker, e.g. speaker:arcangeli",
        "  year:2012 or year:2010-2011  talks from a year or range",
        '  event:"kvm forum"            talks from an event (kvm forum, plumbers, xen summit)',
        "  topic:numa                   talks on a catalog topic",
        "  topics                       every topic, with its number of talks",
        '  "quoted phrase"              words that must appear together',
        "  today                        the talk of the day",
        "  subscribe [HH:MM] [Zone]     the talk of the day here every day (also unsubscribe, subscription)",
        "  watch WORDS                  tell this channel or room when new talks match (also watches, unwatch N)",
        "  new [WORDS]                  talks added in the last 7 days (also what's new)",
        "  now, next [at EVENT | WORD]  talks on now, or starting within the hour, at conferences in progress (next vfio)",
        "  schedule [DAY] [WORDS]       a conference day's talks in time order (DAY: today, tomorrow, yesterday, friday, this afternoon…)",
        "  random [WORDS]               a random talk, or one of those WORDS find",
        "  help                         this message",
        "",
        "Examples:",
        "  numa",
        "  speaker:williamson vfio",
        "  year:2012 live migration",
        "",
        "Type with or without /virt. `more` shows the next page; `quit` or Ctrl-D leaves.",
      ].join("\n"),
    );
  });

  it("prints a usage message with a pointer to help", () => {
    expect(
      renderConsoleAnswer({
        kind: "usage",
        message: "That query has no words to search for.",
        help: HELP,
      }),
    ).toBe("That query has no words to search for.\nType `help` for the commands and examples.");
  });

  it("explains `more` with nothing to page", () => {
    expect(renderConsoleAnswer({ kind: "nothing-to-page" })).toBe(NOTHING_TO_PAGE);
  });
});

describe("helpers", () => {
  it("pageFooter counts the last page and single results plainly", () => {
    expect(pageFooter(0, 3, 7)).toBe("Showing 1–3 of 7 — type `more` for the next page");
    expect(pageFooter(6, 1, 7)).toBe("Showing 7 of 7.");
    // One talk picked from a longer list ("show 3").
    expect(pageFooter(2, 1, 8)).toBe("Showing 3 of 8 — type `more` for the next page");
    expect(pageFooter(0, 2, 2)).toBe("2 talks found.");
    expect(pageFooter(0, 1, 1)).toBe("1 talk found.");
  });

  it("wrap keeps over-long words (URLs) whole on a line of their own", () => {
    const url = `http://example.org/${"x".repeat(90)}`;
    expect(wrap(`see ${url} now`, 40, "  ")).toEqual(["  see", `  ${url}`, "  now"]);
  });

  it("clean turns newlines and tabs into single spaces", () => {
    expect(clean("a\n\tb \r\n c")).toBe("a b c");
  });
});

describe("renderNoResults", () => {
  it("wraps a long topic hint at 80 columns", () => {
    const topics = [
      "device-assignment",
      "networking",
      "memory-management",
      "storage",
      "live-migration",
    ];
    expect(
      renderConsoleAnswer({
        kind: "no-results",
        query: "kubernetes",
        suggestions: topics,
        speakers: [],
      }),
    ).toBe(
      [
        'No talks found for "kubernetes".',
        "Try a topic: device-assignment, networking, memory-management, storage,",
        "live-migration (e.g. topic:device-assignment).",
        "Type `help` for the commands and examples.",
      ].join("\n"),
    );
  });

  it("asks for other words when there is no topic to suggest", () => {
    expect(
      renderConsoleAnswer({ kind: "no-results", query: "x", suggestions: [], speakers: [] }),
    ).toBe(
      'No talks found for "x".\nTry fewer or different words.\nType `help` for the commands and examples.',
    );
  });
});
