// The CLI's run() in process (no spawn): options, usage errors, output formats.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { talkJson } from "../../src/cli/json.ts";
import { USAGE } from "../../src/cli/usage.ts";
import { ConfigError, loadConfig } from "../../src/config.ts";
import { ANSWER_DEFAULTS, createCore } from "../../src/core/answer.ts";
import { parseCommand } from "../../src/core/grammar.ts";
import { dateInZone, talkOfTheDay } from "../../src/totd/today.ts";
import { catalog, runCli } from "../support/cli-harness.ts";
import { ROOT } from "../support/cli-spawn.ts";

const ids = (json: string) => (JSON.parse(json) as { id: string }[]).map((t) => t.id);

describe("cli run: list and show", () => {
  it("list prints one line per talk: id, year, title, speakers", async () => {
    const r = await runCli(["list"]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(catalog.talks.length);
    const first = catalog.talks[0]!;
    expect(lines[0]).toMatch(
      new RegExp(`^${first.id} +${first.year}  ${first.title} — ${first.speakers.join(", ")}$`),
    );
  });

  it("show --json prints the talk object", async () => {
    const r = await runCli(["show", "kvm-forum-2011-vfio", "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(talkJson(catalog.byId.get("kvm-forum-2011-vfio")!));
  });

  it("show suggests ids that contain the unknown one", async () => {
    const r = await runCli(["show", "keynote"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Did you mean: kvm-forum-2011-keynote");
  });

  it.each([[["show"]], [["show", "a", "b"]], [["list", "extra"]], [["list", "--bogus"]]])(
    "%j is a usage error",
    async (args) => {
      const r = await runCli(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(
        /^virt-talks: .+\nRun `npm run --silent cli -- --help` for usage\.\n$/,
      );
      expect(r.stdout).toBe("");
    },
  );
});

describe("cli run: search", () => {
  const core = createCore({ catalog, timeZone: "UTC" });
  const engineIds = (query: string, limit: number) => {
    const command = parseCommand(query);
    if (command.kind !== "search") throw new Error(`not a search: ${query}`);
    return core.engine.search(command.request, limit).hits.map((h) => h.talk.id);
  };

  it("prints compact numbered cards with a footer", async () => {
    const r = await runCli(["search", "numa", "--limit", "2"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Talks matching "numa":\n\n1\. /);
    expect(r.stdout).toMatch(/\n\n2\. /);
    expect(r.stdout).not.toContain("Key points:");
    expect(r.stdout).toMatch(
      /\n\n(Showing the first 2 of \d+ — use --limit for more\.|2 talks found\.)\n$/,
    );
  });

  it("counts every match in the footer, not just the ones shown", async () => {
    const matches = catalog.talks.filter((t) => t.year >= 2010 && t.year <= 2012).length;
    const r = await runCli(["search", "--limit", "2", "year:2010-2012"]);
    expect(r.stdout).toMatch(
      new RegExp(`\n\nShowing the first 2 of ${matches} — use --limit for more.\n$`),
    );
  });

  it("joins the query words and keeps the grammar (filters, quotes)", async () => {
    const r = await runCli(["search", "--json", "speaker:williamson", "vfio"]);
    expect(r.code).toBe(0);
    expect(ids(r.stdout)).toEqual(engineIds("speaker:williamson vfio", 5));
  });

  it("--limit goes past the chat page size", async () => {
    const r = await runCli(["search", "--json", "--limit", "100", "kvm"]);
    expect(r.code).toBe(0);
    const found = ids(r.stdout);
    expect(found.length).toBeGreaterThan(ANSWER_DEFAULTS.pageSize);
    expect(found).toEqual(engineIds("kvm", 100));
  });

  it("lists the talks of a slipped watch (the CLI runs no watch): no did-you-mean", async () => {
    const r = await runCli(["search", "--json", "wacth vfio"]);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: "" });
    expect(ids(r.stdout)).toEqual(engineIds("wacth vfio", 5));
    expect(ids(r.stdout).length).toBeGreaterThan(0);
  });

  it("says which filter matches nothing, with the catalog's years (human)", async () => {
    const years = core.catalog.talks.map((t) => t.year);
    const r = await runCli(["search", "numa", "year:2031"]);
    expect(r).toEqual({
      code: 0,
      stdout: [
        'No talks found for "numa year:2031".',
        `No talk in the catalog is from 2031: its talks are from ${Math.min(...years)} to ${Math.max(...years)}.`,
        "",
      ].join("\n"),
      stderr: "",
    });
  });

  it("says no talks found and suggests topics (human)", async () => {
    const r = await runCli(["search", "kubernetes"]);
    expect(r.code).toBe(0);
    const [first, ...rest] = r.stdout.trimEnd().split("\n");
    expect(first).toBe('No talks found for "kubernetes".');
    // The topic hint is wrapped at 80 columns.
    for (const line of rest) expect(line.length).toBeLessThanOrEqual(80);
    expect(rest.join(" ")).toBe(
      `Try a topic: ${core.suggestions().join(", ")} (e.g. topic:${core.suggestions()[0]}).`,
    );
  });

  it.each([["abc"], ["-1"], ["1.5"], ["0"]])("--limit %s is a usage error", async (value) => {
    const r = await runCli(["search", `--limit=${value}`, "numa"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--limit must be a positive integer");
  });

  // The CLI runs no subscription or watch: a slip of one is a search, not a question it
  // could not act on (Matrix and Slack, with the handlers, still ask).
  it.each([["subscrbe"], ["unwach"], ["unsbuscribe"]])(
    "a lone slipped command word %s is a search that found nothing",
    async (query) => {
      const r = await runCli(["search", query]);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe("");
      expect(r.stdout.split("\n")[0]).toBe(`No talks found for "${query}".`);
    },
  );

  it.each([
    ["foo:bar", "I don't know the filter"],
    ["x".repeat(10_000), "please keep it under 300"],
    ["help", "chat command"],
    ["today", "use the `today` command"],
    ["thanks!", '"thanks!" is small talk, not a search query.'],
    ["\u0001", "That query is empty"],
  ])("--json %s: message on stderr, exit 2", async (query, message) => {
    const r = await runCli(["search", "--json", query]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(message);
  });

  it("--stdin answers each line like a single search, in order", async () => {
    const queries = ["vfio", "numa", "year:2012 live migration", "kubernetes", "speaker:roedel"];
    const r = await runCli(["search", "--stdin", "--limit", "3"], {
      input: `${queries.join("\r\n")}\r\n`,
    });
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines.map(ids)).toEqual(queries.map((q) => engineIds(q, 3)));
    expect(r.stderr).toBe("");
  });

  it("--stdin prints [] for empty and unusable lines and carries on", async () => {
    const r = await runCli(["search", "--stdin"], { input: "\nfoo:bar\n   \nnuma\n" });
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines.slice(0, 3)).toEqual(["[]", "[]", "[]"]);
    expect(ids(lines[3]!)).toEqual(engineIds("numa", 5));
    expect(r.stderr).toBe(
      'line 2: I don\'t know the filter "foo:". Filters are speaker:, year:, event: and topic:.\n',
    );
  });

  it("--stdin with query words is a usage error", async () => {
    const r = await runCli(["search", "--stdin", "numa"]);
    expect(r.code).toBe(2);
  });
});

describe("cli run: today", () => {
  it("defaults to today in the configured time zone", async () => {
    const zone = "Pacific/Kiritimati";
    const before = dateInZone(new Date(), zone);
    const r = await runCli(["today"], { env: { TOTD_TIMEZONE: zone } });
    const after = dateInZone(new Date(), zone);
    expect(r.code).toBe(0);
    const heading = r.stdout.split("\n")[0];
    expect([`=== Talk of the day · ${before} ===`, `=== Talk of the day · ${after} ===`]).toContain(
      heading,
    );
  });

  it("prints N cards for --days N", async () => {
    const r = await runCli(["today", "--date", "2024-02-28", "--days", "3"]);
    expect(r.code).toBe(0);
    const headings = r.stdout.split("\n").filter((l) => l.startsWith("==="));
    expect(headings).toEqual([
      "=== Talk of the day · 2024-02-28 ===",
      "=== Talk of the day · 2024-02-29 ===",
      "=== Talk of the day · 2024-03-01 ===",
    ]);
    expect(r.stdout).toContain(talkOfTheDay(catalog.talks, "2024-02-29").title);
  });

  it("falls back to UTC with a warning when the environment is invalid", async () => {
    const r = await runCli(["today", "--json"], {
      config: () => loadConfig({ TOTD_TIMEZONE: "Not/AZone" }, false),
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("warning: invalid configuration");
    expect(r.stderr).toContain("TOTD_TIMEZONE");
    const [day] = JSON.parse(r.stdout) as { date: string }[];
    expect([
      dateInZone(new Date(), "UTC"),
      dateInZone(new Date(Date.now() - 60_000), "UTC"),
    ]).toContain(day!.date);
  });

  it.each([
    [["today", "--date", "2026-02-30"], "--date must be a calendar date"],
    [["today", "--date", "22.11.2026"], "--date must be a calendar date"],
    [["today", "--days", "3661"], "--days must be at most 3660"],
    [["today", "--days"], "argument missing"],
    [["today", "tomorrow"], "today takes no arguments"],
  ])("%j is a usage error", async (args, message) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});

describe("cli run: help and errors", () => {
  it.each([[["help"]], [["--help"]], [["-h"]], [["search", "--help"]]])(
    "%j prints the usage",
    async (args) => {
      const r = await runCli(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`${USAGE}\n`);
    },
  );

  it("keeps escape sequences typed on the command line off the terminal", async () => {
    const r = await runCli(["\u001b]0;pwned\u0007\u001b[2Jbogus"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Unknown command "bogus"');
    expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
  });

  it("no command prints the usage on stderr and exits 2", async () => {
    const r = await runCli([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${USAGE}\n`);
  });

  it("a config error that is not a ConfigError is not swallowed", async () => {
    const r = await runCli(["list"], {
      config: () => {
        throw new Error("boom");
      },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("unexpected error: Error: boom");
  });

  it("a ConfigError does not stop list", async () => {
    const r = await runCli(["list", "--json"], {
      config: () => {
        throw new ConfigError(["SLACK_BOT_TOKEN: must be a bot token starting with xoxb-"]);
      },
    });
    expect(r.code).toBe(0);
    expect(ids(r.stdout)).toHaveLength(catalog.talks.length);
  });

  describe("data errors", () => {
    const dir = mkdtempSync(join(tmpdir(), "virt-talks-data-"));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it("a catalog error exits 1 naming file, record and field", async () => {
      cpSync(join(ROOT, "data"), dir, { recursive: true });
      const path = join(dir, "talks/lpc-2010.json");
      const file = JSON.parse(readFileSync(path, "utf8"));
      file.talks[0].topics = ["not-a-topic"];
      writeFileSync(path, JSON.stringify(file));
      const r = await runCli(["search", "numa"], { env: { DATA_DIR: dir } });
      expect(r.code).toBe(1);
      expect(r.stdout).toBe("");
      expect(r.stderr).toBe(
        `virt-talks: catalog error in talks/lpc-2010.json, record talks[0] (${file.talks[0].id}), field topics.0: unknown topic "not-a-topic" (see data/topics.json)\n`,
      );
    });

    it("a missing data directory exits 1 with the system message", async () => {
      const r = await runCli(["list"], { env: { DATA_DIR: join(dir, "nowhere") } });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^virt-talks: catalog error in topics\.json.*cannot read/);
    });
  });
});
