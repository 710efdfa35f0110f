import { describe, expect, it } from "vitest";
import {
  parseCommand,
  parseCoreCommand,
  parseSubscriptionCommand,
} from "../../src/core/grammar.ts";
import { sanitizeInput } from "../../src/core/sanitize.ts";
import { buildChatLanguage } from "../../src/core/search/query/chat-language.ts";
import { EMPTY_REQUEST } from "../../src/core/search-request.ts";
import { wordData } from "../../src/core/word-data.ts";

const search = (text: string, over: Record<string, unknown> = {}) => ({
  kind: "search",
  request: { ...EMPTY_REQUEST, text, ...over },
});

describe("parseCommand", () => {
  it("treats empty and whitespace-only input as a request for help", () => {
    expect(parseCommand("")).toEqual({ kind: "help", empty: true });
    expect(parseCommand("   \t \n")).toEqual({ kind: "help", empty: true });
  });

  it("knows help, today, random and more, in any case", () => {
    expect(parseCommand("help")).toEqual({ kind: "help", empty: false });
    expect(parseCommand("HELP me")).toEqual({ kind: "help", empty: false });
    expect(parseCommand("Today")).toEqual({ kind: "today" });
    expect(parseCommand("random")).toEqual({ kind: "random" });
    expect(parseCommand("more")).toEqual({ kind: "more" });
  });

  it("reads random with one telling word or filter as a random talk among those it finds", () => {
    expect(parseCommand("random numa")).toEqual({
      kind: "random",
      request: search("numa", { words: ["numa"] }).request,
    });
    expect(parseCommand("pick a random vfio talk")).toEqual({
      kind: "random",
      request: search("vfio talk", { words: ["vfio", "talk"] }).request,
    });
    expect(parseCommand("random topic:numa")).toEqual({
      kind: "random",
      request: search("topic:numa", { topics: ["numa"] }).request,
    });
    // Two telling words open a search with the word "random".
    expect(parseCommand("random number generators")).toMatchObject({ kind: "search" });
  });

  it("knows the commands typed as people say them, and searches anything more", () => {
    expect(parseCommand("show more please")).toEqual({ kind: "more" });
    expect(parseCommand("next page")).toEqual({ kind: "more" });
    expect(parseCommand("talk of the day?")).toEqual({ kind: "today" });
    expect(parseCommand("surprise me")).toEqual({ kind: "random" });
    expect(parseCommand("topic")).toEqual({ kind: "topics" });
    expect(parseCommand("HELP!")).toEqual({ kind: "help", empty: false });
    expect(parseCommand("???")).toEqual({ kind: "help", empty: false });
    expect(parseCommand("my subscription?")).toEqual({ kind: "subscription" });
    expect(parseCommand("unsubscribe please")).toEqual({ kind: "unsubscribe" });
    expect(parseCommand("subscribe 08:30 Europe/Paris, please")).toEqual({
      kind: "subscribe",
      time: "08:30",
      timeZone: "Europe/Paris",
    });
    expect(parseCommand("unsubscribe me")).toEqual({ kind: "unsubscribe" });
    expect(parseCommand("watch: numa")).toEqual({ kind: "watch", query: "numa" });
    for (const text of ["list watches", "my watches?", "show watches"])
      expect(parseCommand(text), text).toEqual({ kind: "watches" });
    expect(parseCommand("schedule for tomorrow")).toEqual({
      kind: "schedule",
      day: "tomorrow",
      request: null,
      text: "schedule tomorrow",
    });
    expect(parseCommand("what's on now?")).toEqual({
      kind: "on-now",
      when: "now",
      request: null,
      text: "now",
    });
    expect(parseCommand("more numa")).toEqual(search("more numa", { words: ["more", "numa"] }));
    expect(parseCommand("next")).toMatchObject({ kind: "on-now" });
  });

  it("reads the subscription commands first; the core's own parse searches the turn's words", () => {
    expect(parseCommand("/virt subscribe 9:05 Europe/Berlin")).toEqual({
      kind: "subscribe",
      time: "09:05",
      timeZone: "Europe/Berlin",
    });
    expect(parseCommand("unsubscribe")).toEqual({ kind: "unsubscribe" });
    expect(parseCommand("subscriptions")).toEqual({ kind: "subscription" });
    expect(parseCommand("subscribe 25:00")).toEqual({
      kind: "subscription-usage",
      message: '"25:00" is not a time of day: use HH:MM from 00:00 to 23:59, like 09:00.',
    });
    expect(parseCommand("subscribed talks")).toEqual(
      search("subscribed talks", { words: ["subscribed", "talks"] }),
    );
    expect(parseCoreCommand("more")).toEqual(search("more", { words: ["more"] }));
    expect(parseCoreCommand("subscribe")).toEqual(search("subscribe", { words: ["subscribe"] }));
  });

  it("parses words, quoted phrases and every filter", () => {
    expect(
      parseCommand(
        'event:"kvm forum" topic:numa "live block copy" speaker:arcangeli year:2010-2011 numa',
      ),
    ).toEqual(
      search(
        'event:"kvm forum" topic:numa "live block copy" speaker:arcangeli year:2010-2011 numa',
        {
          words: ["numa"],
          phrases: ["live block copy"],
          speakers: ["arcangeli"],
          events: ["kvm forum"],
          topics: ["numa"],
          years: { from: 2010, to: 2011 },
        },
      ),
    );
    expect(parseCommand("year:2012 vfio")).toEqual(
      search("year:2012 vfio", { words: ["vfio"], years: { from: 2012, to: 2012 } }),
    );
    expect(parseCommand("year:2012-2010 x")).toMatchObject({
      request: { years: { from: 2010, to: 2012 } },
    });
  });

  it("reads an unclosed quote as plain words, the stray mark dropped", () => {
    expect(parseCommand('numa "live migra')).toEqual(
      search('numa "live migra', { words: ["numa", "live", "migra"] }),
    );
    expect(parseCommand('"live migration')).toEqual(
      search('"live migration', { words: ["live", "migration"] }),
    );
    expect(parseCommand('numa"')).toEqual(search('numa"', { words: ["numa"] }));
    expect(parseCommand('"live migration" “numa')).toEqual(
      search('"live migration" “numa', { words: ["numa"], phrases: ["live migration"] }),
    );
    // A filter's value still runs to the end: it names one speaker, event or topic.
    expect(parseCommand('numa speaker:"Ada Example')).toEqual(
      search('numa speaker:"Ada Example', { words: ["numa"], speakers: ["Ada Example"] }),
    );
  });

  it("counts a word said again as one search term", () => {
    const numa22 = Array.from({ length: 22 }, () => "numa").join(" ");
    expect(parseCommand(numa22)).toEqual(search(numa22, { words: Array(22).fill("numa") }));
    const mixed = `${numa22} NUMA, vfio`;
    expect(parseCommand(mixed)).toEqual(
      search(mixed, { words: [...Array(22).fill("numa"), "NUMA,", "vfio"] }),
    );
  });

  it("answers bad input with a clear usage message", () => {
    expect(parseCommand("x".repeat(301))).toEqual({
      kind: "usage",
      problem: "too-long",
      message: "That query is 301 characters long; please keep it under 300.",
    });
    expect(parseCommand("!!! ??? ...")).toEqual({
      kind: "usage",
      problem: "no-words",
      message: "That query has no words to search for.",
    });
    expect(parseCommand("foo:bar numa")).toEqual({
      kind: "usage",
      problem: "unknown-filter",
      message: 'I don\'t know the filter "foo:". Filters are speaker:, year:, event: and topic:.',
    });
    expect(parseCommand("year:1850")).toEqual({
      kind: "usage",
      problem: "bad-year",
      message: '"1850" is not a year I can search; try year:2012 or year:2010-2011.',
    });
    expect(parseCommand("speaker:")).toEqual({
      kind: "usage",
      problem: "empty-filter",
      message: 'The filter "speaker:" needs a value, like speaker:arcangeli.',
    });
    expect(
      parseCommand(
        "numa vfio xen kvm qemu virtio migration memory storage network iommu apic x86 " +
          "arm64 riscv ballooning hugepages tdx sev firmware uefi",
      ),
    ).toEqual({
      kind: "usage",
      problem: "too-many-terms",
      message: "That query has 21 search terms; please use at most 20.",
    });
    expect(parseCommand(Array.from({ length: 51 }, () => "the").join(" "))).toEqual({
      kind: "usage",
      problem: "too-many-terms",
      message: "That message has 51 words; please ask in at most 50.",
    });
  });

  it("counts the search terms with the chat words of the catalog's DATA_DIR", () => {
    const query =
      "numa vfio xen kvm qemu virtio migration memory storage network iommu apic x86 " +
      "arm64 riscv ballooning hugepages tdx sev firmware uefi";
    const own = buildChatLanguage({ filler: ["x86"], common: [], lay: {} });
    expect(parseCoreCommand(query, { ...wordData(), language: own }).kind).toBe("search");
    expect(parseCommand(query, { ...wordData(), language: own }).kind).toBe("search");
    expect(parseCoreCommand(query).kind).toBe("usage");
  });

  it("counts only the words a search looks up: a question in a sentence is not cut short", () => {
    // 13 words, of which 6 are everyday English the search drops or never corrects.
    expect(
      parseCommand("how can I change files inside a vm disk image without booting it"),
    ).toMatchObject({
      kind: "search",
      request: {
        words: [
          "how",
          "can",
          "I",
          "change",
          "files",
          "inside",
          "a",
          "vm",
          "disk",
          "image",
          "without",
          "booting",
          "it",
        ],
      },
    });
  });

  it("treats regex metacharacters, emoji and right-to-left text as plain words", () => {
    expect(parseCommand(".*(numa)[^a]+$")).toMatchObject({ kind: "search" });
    expect(parseCommand("🚀 numa")).toMatchObject({ kind: "search", request: { words: ["numa"] } });
    expect(parseCommand("שלום numa")).toMatchObject({
      kind: "search",
      request: { words: ["שלום", "numa"] },
    });
  });
});

describe("parseCommand: what people type in a channel", () => {
  it("reads a year range open at one end", () => {
    const years = (text: string) => {
      const parsed = parseCommand(text);
      return parsed.kind === "search" ? parsed.request.years : parsed;
    };
    expect(years("year:2010-")).toEqual({ from: 2010, to: 2100 });
    expect(years("year:2010+")).toEqual({ from: 2010, to: 2100 });
    expect(years("year:..2012")).toEqual({ from: 1990, to: 2012 });
    expect(years("year:-2012")).toEqual({ from: 1990, to: 2012 });
    expect(years("year:20019")).toEqual({
      kind: "usage",
      problem: "bad-year",
      message: '"20019" is not a year I can search; try year:2012 or year:2010-2011.',
    });
    expect(years("year:1850-")).toMatchObject({ kind: "usage", problem: "bad-year" });
  });

  it("answers a wish for quiet with how to stop the daily post or a watch, changing nothing", () => {
    const stop = {
      kind: "usage",
      problem: "stop",
      message:
        'To stop the talk of the day here, type "unsubscribe"; to stop a watch, "watches" lists them and "unwatch N" ends one.',
    };
    for (const text of [
      "stop",
      "stop posting here",
      "please stop!",
      "stop it",
      "cancel subscription",
      "mute",
      "unsub",
      "turn off the daily talk",
      "no more daily posts",
    ])
      expect(parseCommand(text), text).toEqual(stop);
    expect(parseCommand("unsubscribe")).toEqual({ kind: "unsubscribe" });
    // Only in chat: the core's own parse (the web pages, the CLI) searches it.
    expect(parseCoreCommand("stop")).toEqual(search("stop", { words: ["stop"] }));
    expect(parseCommand("stop numa")).toEqual(search("stop numa", { words: ["stop", "numa"] }));
    expect(parseCommand("stop-and-copy")).toEqual(
      search("stop-and-copy", { words: ["stop-and-copy"] }),
    );
  });

  it("reads a talk or a page of the last listing asked for by number", () => {
    expect(parseCommand("show 3")).toEqual({ kind: "pick", index: 3, bare: false, text: "show 3" });
    expect(parseCommand("#2")).toEqual({ kind: "pick", index: 2, bare: false, text: "#2" });
    expect(parseCommand("the second one")).toMatchObject({ kind: "pick", index: 2, bare: false });
    expect(parseCommand("show me the 3rd talk")).toMatchObject({ kind: "pick", index: 3 });
    expect(parseCommand("details of 2")).toMatchObject({ kind: "pick", index: 2 });
    expect(parseCommand("2")).toEqual({ kind: "pick", index: 2, bare: true, text: "2" });
    expect(parseCommand("page 2")).toEqual({ kind: "page", page: 2, text: "page 2" });
    expect(parseCommand("go to page 3")).toMatchObject({ kind: "page", page: 3 });
    expect(parseCommand("previous page")).toEqual({
      kind: "previous",
      bare: false,
      text: "previous page",
    });
    expect(parseCommand("go back")).toMatchObject({ kind: "previous", bare: false });
    expect(parseCommand("back")).toEqual({ kind: "previous", bare: true, text: "back" });
    expect(parseCommand("backup")).toMatchObject({ kind: "search" });
    // A year, a talk id and a number inside a search stay searches.
    expect(parseCommand("2012")).toMatchObject({ kind: "search" });
    expect(parseCommand("show kvm-forum-2011-vfio")).toMatchObject({ kind: "search" });
    // A talk numbered 0 is none: said so (turn.test.ts), never searched for "show 0".
    expect(parseCommand("show 0")).toMatchObject({ kind: "usage", problem: "numbered-from-1" });
    expect(parseCommand("usb 3")).toMatchObject({ kind: "search" });
  });

  it("reads one more, another one and the talk of the day said in words", () => {
    expect(parseCommand("one more")).toEqual({ kind: "more" });
    expect(parseCommand("next one")).toEqual({ kind: "more" });
    expect(parseCommand("another one")).toEqual({ kind: "more", orRandom: true });
    expect(parseCoreCommand("another one")).toEqual({ kind: "random" });
    expect(parseCommand("show me the talk of the day")).toEqual({ kind: "today" });
    expect(parseCommand("can you send me the talk of the day?")).toEqual({ kind: "today" });
    expect(parseCommand("could you please post today's talk")).toEqual({ kind: "today" });
    // "how" is also a greeting: this one asks how many talks there are.
    expect(parseCommand("how many talks do you have?")).toEqual({ kind: "topics" });
  });

  it("answers how-to questions about the bot with the help, and searches how-tos about anything else", () => {
    for (const text of [
      "how do I search by year?",
      "how do i subscribe",
      "how do i search for a speaker",
      "how to filter by event",
      "can you search by year?",
      "how can I search by speaker name",
      "hi, how do i use this",
      "how do i unsubscribe this channel",
      "how to get more results",
      "can i search by year and event",
      // Asking for the talk of the day here, or how to stop it, asks about the bot.
      "can you post daily in here",
      "can you post the talk of the day here every morning?",
      "how do I stop the daily post",
      "how do i turn off the daily post in this channel",
      "how can i set up alerts for new talks",
      "how do watches work?",
      "what is a watch",
      // Asking which speakers or events there are: the help says how to search by them.
      "list all speakers",
      "which conferences do you know?",
    ])
      expect(parseCommand(text), text).toEqual({ kind: "help", empty: false });
    for (const text of [
      "how do i find talks about numa",
      "how to use vfio",
      "can you find talks by arcangeli",
      "how do i stop a vm",
      "can you post numa talks",
      "how to set up vfio",
      "how to migrate",
    ])
      expect(parseCommand(text), text).toMatchObject({ kind: "search" });
  });

  it("reads emoji as Slack writes them (:+1:) as small talk, not a search", () => {
    expect(parseCommand(":+1:")).toEqual({ kind: "small-talk", intent: "ack" });
    expect(parseCommand(":thumbsup::skin-tone-2:")).toEqual({ kind: "small-talk", intent: "ack" });
    expect(parseCommand("thanks :rocket:")).toEqual({ kind: "small-talk", intent: "thanks" });
    expect(parseCommand(":pray:")).toEqual({ kind: "small-talk", intent: "thanks" });
    expect(parseCommand(":-1:")).toEqual({ kind: "small-talk", intent: "complaint" });
    expect(parseCommand(":wave:")).toEqual({ kind: "small-talk", intent: "greeting" });
    expect(parseCommand("numa :+1:")).toMatchObject({ kind: "search" });
  });

  it("reads watch and subscription commands said in words", () => {
    expect(parseCommand("watch for numa talks")).toEqual({ kind: "watch", query: "numa talks" });
    expect(parseCommand("watch out for vfio, thanks!")).toEqual({ kind: "watch", query: "vfio" });
    expect(parseCommand("watch numa please")).toEqual({ kind: "watch", query: "numa" });
    expect(parseCommand("unwatch #1")).toEqual({ kind: "unwatch", number: 1 });
    expect(parseCommand("unwatch 2.")).toEqual({ kind: "unwatch", number: 2 });
    expect(parseCommand("stop watching numa")).toMatchObject({ kind: "usage", problem: "stop" });
    for (const text of ["am I subscribed?", "is this channel subscribed", "Are we subscribed"])
      expect(parseCommand(text), text).toEqual({ kind: "subscription" });
    expect(parseCommand("watch forwarding")).toEqual({ kind: "watch", query: "forwarding" });
  });

  it("answers emoji alone as a reaction, never 'no words to search for'", () => {
    // Slack writes a picked emoji as its shortcode: the same reaction, not a search.
    for (const text of ["🤔", "🐧", "... 🙃", ":thinking_face:", ":rocket: :rocket:", ":eyes:"])
      expect(parseCommand(text), text).toEqual({ kind: "small-talk", intent: "ack" });
    expect(parseCommand("!!!")).toMatchObject({ kind: "usage", problem: "no-words" });
  });
});

describe("sanitizeInput", () => {
  it("strips control characters and bidi overrides and folds whitespace", () => {
    expect(sanitizeInput("nu\u0000ma\u202e \u2066vfio\u2069\r\n\tx\u200b")).toBe("numa vfio x");
    expect(sanitizeInput("\u0007\u001b[31mred")).toBe("[31mred");
  });
});

describe("parseSubscriptionCommand", () => {
  it("reads the commands with their optional time and zone, in any order, with any address", () => {
    expect(parseSubscriptionCommand("subscribe")).toEqual({ kind: "subscribe" });
    expect(parseSubscriptionCommand("subscribe 09:00 Europe/Berlin")).toEqual({
      kind: "subscribe",
      time: "09:00",
      timeZone: "Europe/Berlin",
    });
    expect(parseSubscriptionCommand("!virt subscribe 9:05")).toEqual({
      kind: "subscribe",
      time: "09:05",
    });
    expect(parseSubscriptionCommand("/virt Subscribe america/new_york 18:30")).toEqual({
      kind: "subscribe",
      time: "18:30",
      timeZone: "America/New_York",
    });
    expect(parseSubscriptionCommand("@virt-talks unsubscribe")).toEqual({ kind: "unsubscribe" });
    expect(parseSubscriptionCommand("subscription")).toEqual({ kind: "subscription" });
    expect(parseSubscriptionCommand("subscriptions")).toEqual({ kind: "subscription" });
  });

  it("reads the words people put around the time and zone as what the command means", () => {
    // "daily" was read as a time zone: I don't know the time zone "daily"; did you mean Asia/Dili?
    expect(parseSubscriptionCommand("subscribe daily")).toEqual({ kind: "subscribe" });
    expect(parseSubscriptionCommand("subscribe here")).toEqual({ kind: "subscribe" });
    expect(
      parseSubscriptionCommand("subscribe this channel to the daily talk at 09:00 Europe/Berlin"),
    ).toEqual({ kind: "subscribe", time: "09:00", timeZone: "Europe/Berlin" });
    expect(parseSubscriptionCommand("subscribe every day at 8:30")).toEqual({
      kind: "subscribe",
      time: "08:30",
    });
    expect(parseSubscriptionCommand("subscribe at 9am Europe/Berlin time")).toEqual({
      kind: "subscribe",
      time: "09:00",
      timeZone: "Europe/Berlin",
    });
    expect(parseSubscriptionCommand("subscribe 8:30 in UTC timezone")).toEqual({
      kind: "subscribe",
      time: "08:30",
      timeZone: "UTC",
    });
    expect(parseSubscriptionCommand("unsubscribe this channel")).toEqual({ kind: "unsubscribe" });
    expect(parseSubscriptionCommand("unsubscribe from the daily talk")).toEqual({
      kind: "unsubscribe",
    });
    expect(parseSubscriptionCommand("subscription here")).toEqual({
      kind: "usage",
      message: '"subscription" takes nothing after it; write just subscription.',
    });
  });

  it("leaves everything else to the search grammar", () => {
    for (const text of ["numa", "subscribed talks", "help", "", "today"])
      expect(parseSubscriptionCommand(text)).toBeNull();
  });

  it("answers bad input with one line that says what is expected", () => {
    const message = (text: string) => {
      const c = parseSubscriptionCommand(text);
      return c?.kind === "usage" ? c.message : c;
    };
    expect(message("subscribe 25:00")).toBe(
      '"25:00" is not a time of day: use HH:MM from 00:00 to 23:59, like 09:00.',
    );
    expect(message("subscribe 9")).toBe(
      '"9" is not a time I can read: write it like 09:00, 17:30, 9.30, 0900, 21h, 9am, 9:30pm or 9 am.',
    );
    expect(message("subscribe 09:00 Europe/Berln")).toBe(
      'I don\'t know the time zone "Europe/Berln"; did you mean Europe/Berlin?',
    );
    expect(message("subscribe 09:00 Berlin")).toBe(
      'I don\'t know the time zone "Berlin"; did you mean Europe/Berlin?',
    );
    expect(message("subscribe Mars/Olympus_Mons")).toBe(
      'I don\'t know the time zone "Mars/Olympus_Mons"; use an IANA name like Europe/Berlin or America/New_York.',
    );
    expect(message("subscribe 09:00 Europe/Berlin numa")).toBe(
      'Too many words after "subscribe": write subscribe [HH:MM] [Area/City], like subscribe 09:00 Europe/Berlin.',
    );
    expect(message("subscribe 09:00 10:00")).toBe(
      'Too many words after "subscribe": write subscribe [HH:MM] [Area/City], like subscribe 09:00 Europe/Berlin.',
    );
    expect(message("unsubscribe now")).toBe(
      '"unsubscribe" takes nothing after it; write just unsubscribe.',
    );
    expect(message("subscription numa")).toBe(
      '"subscription" takes nothing after it; write just subscription.',
    );
  });

  it("takes UTC and answers other zone abbreviations with the IANA names they may mean", () => {
    expect(parseSubscriptionCommand("subscribe 08:00 UTC")).toEqual({
      kind: "subscribe",
      time: "08:00",
      timeZone: "UTC",
    });
    expect(parseSubscriptionCommand("subscribe 08:00 utc")).toMatchObject({ timeZone: "UTC" });
    expect(parseSubscriptionCommand("subscribe 08:00 CET")).toEqual({
      kind: "usage",
      message:
        '"CET" is an abbreviation, not a place: write the zone of your city, e.g. Europe/Berlin, Europe/Paris or Europe/Prague.',
    });
    expect(parseSubscriptionCommand("subscribe PST")).toEqual({
      kind: "usage",
      message:
        '"PST" is an abbreviation, not a place: write the zone of your city, e.g. America/Los_Angeles or America/Vancouver.',
    });
  });
});

describe("watch commands", () => {
  it("parses watch, watches and unwatch, with the watch query cleaned as a search", () => {
    expect(parseCommand("watch vfio")).toEqual({ kind: "watch", query: "vfio" });
    expect(parseCommand("!virt watch  topic:numa   migration")).toEqual({
      kind: "watch",
      query: "topic:numa migration",
    });
    expect(parseCommand("@virt-talks watches")).toEqual({ kind: "watches" });
    expect(parseCommand("/unwatch 2")).toEqual({ kind: "unwatch", number: 2 });
    expect(parseCommand("watchdog timers")).toMatchObject({ kind: "search" });
  });

  it("answers a bad watch command with one line", () => {
    expect(parseCommand("watch")).toEqual({
      kind: "watch-usage",
      message: "Write watch and what to watch for, like watch vfio or watch topic:numa.",
    });
    expect(parseCommand("watch help")).toEqual({
      kind: "watch-usage",
      message:
        '"help" is not something I can search for; write watch and the words of a search, like watch vfio.',
    });
    expect(parseCommand("watch foo:bar")).toMatchObject({ kind: "watch-usage" });
    for (const text of ["unwatch", "unwatch 0", "unwatch two", "unwatch 1 2"])
      expect(parseCommand(text)).toEqual({
        kind: "watch-usage",
        message: 'Write unwatch and the number "watches" lists, like unwatch 1.',
      });
  });
});
