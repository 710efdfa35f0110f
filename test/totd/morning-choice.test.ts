// morningChooser: the watched conference's day where the destination watches one and its
// port can post it, else the talk of the day; a failing watched-day search falls back.
import pino from "pino";
import { describe, expect, it } from "vitest";
import type { TalkCard } from "../../src/core/card.ts";
import type { PostPort } from "../../src/core/post-port.ts";
import { createPostClock } from "../../src/totd/clock.ts";
import type { Target } from "../../src/totd/context.ts";
import { morningChooser } from "../../src/totd/morning-choice.ts";
import type { WatchAlertMessage } from "../../src/watch/alert-message.ts";

const card = (date: string): TalkCard => ({
  id: `totd-${date}`,
  title: "Invented talk of the day",
  speakers: ["A. Speaker"],
  event: "Invented Conf",
  year: 2026,
  date: null,
  summary: "",
  keyPoints: [],
  topics: [],
  links: [],
  url: null,
  heading: `Talk of the day · ${date}`,
});
const core = { today: (date: string) => ({ date, card: card(date) }) };
const watched: WatchAlertMessage = {
  heading: "Today at Invented Conf",
  entries: [],
  more: 0,
  query: "kvm",
};

const port = (alerts: boolean): PostPort => ({
  capabilities: { resendsSafely: false, canFindPost: false },
  postCard: async () => {},
  ...(alerts ? { postWatchAlert: async () => {} } : {}),
});
const target = (destination: string, alerts: boolean): Target => ({
  id: `matrix:${destination}`,
  dest: { platform: "matrix", destination, time: "09:00", timeZone: "UTC", source: "chat" },
  clock: createPostClock("09:00", "UTC"),
  port: port(alerts),
  signal: new AbortController().signal,
});

function logged() {
  const lines: { msg: string; destination?: string }[] = [];
  const log = pino({ level: "error" }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { log, lines };
}

describe("morningChooser", () => {
  it("gives the watched day where the port can post it and the room watches one", () => {
    const { log } = logged();
    const choose = morningChooser(
      { core, morning: (_p, room) => (room === "!watching" ? watched : null) },
      log,
    );
    expect(choose(target("!watching", true), "2026-12-05")).toEqual({
      kind: "watched",
      message: watched,
    });
    expect(choose(target("!other", true), "2026-12-05")).toEqual({
      kind: "card",
      card: card("2026-12-05"),
    });
    // A port without postWatchAlert gets the talk of the day even on a watched day.
    expect(choose(target("!watching", false), "2026-12-05")).toEqual({
      kind: "card",
      card: card("2026-12-05"),
    });
  });

  it("gives the talk of the day without a watch search at all", () => {
    const { log } = logged();
    expect(morningChooser({ core }, log)(target("!room", true), "2026-12-06")).toEqual({
      kind: "card",
      card: card("2026-12-06"),
    });
  });

  it("falls back to the talk of the day, with one error line, when the watch search throws", () => {
    const { log, lines } = logged();
    const choose = morningChooser(
      {
        core,
        morning: () => {
          throw new Error("bug in the watched-day search");
        },
      },
      log,
    );
    expect(choose(target("!room", true), "2026-12-05")).toEqual({
      kind: "card",
      card: card("2026-12-05"),
    });
    expect(lines.map((l) => [l.msg, l.destination])).toEqual([
      ["cannot list the watched day", "matrix:!room"],
    ]);
  });
});
