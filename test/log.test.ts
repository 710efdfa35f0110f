// The suite-wide log check (test/global-setup.ts): every token a test uses is on the list it
// greps for, and the grep finds a secret wherever it sits without ever printing it.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "../bench/shared/bot-command.ts";
import { createLogger, redactUrlCredentials } from "../src/log.ts";
import { describeLeaks, scanLogDir } from "./support/secret-scan.ts";
import { SLACK_HARNESS, TEST_SECRETS } from "./support/secrets.ts";

/** What a Slack or Matrix credential literal in a test looks like. */
const TOKEN_SHAPED = /^(xox[a-z]-[\w-]+|xapp-[\w-]+|syt_\w+|[a-z0-9-]*-secret(-[a-z0-9-]+)?)$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|mjs|js)$/.test(name) ? [path] : [];
  });
}

function stringLiterals(source: string): string[] {
  return [...source.matchAll(/"([^"\\\n]*)"|'([^'\\\n]*)'|`([^`\\$\n]*)`/g)].map(
    (m) => m[1] ?? m[2] ?? m[3] ?? "",
  );
}

describe("the list of test secrets", () => {
  it("holds every token-looking literal under test/", () => {
    const listed = new Set(TEST_SECRETS.map((s) => s.value));
    const missing = sourceFiles(join(ROOT, "test")).flatMap((file) =>
      stringLiterals(readFileSync(file, "utf8"))
        .filter((literal) => TOKEN_SHAPED.test(literal) && !listed.has(literal))
        .map((literal) => `${relative(ROOT, file)}: ${literal}`),
    );
    expect(missing, "add these to TEST_SECRETS in test/support/secrets.ts").toEqual([]);
  });

  it("has names that are unique and values long enough for the bot to scrub (8+)", () => {
    expect(new Set(TEST_SECRETS.map((s) => s.name)).size).toBe(TEST_SECRETS.length);
    for (const s of TEST_SECRETS) expect(s.value.length, s.name).toBeGreaterThanOrEqual(8);
  });
});

describe("the log grep", () => {
  const dir = mkdtempSync(join(tmpdir(), "virt-talks-scan-test-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const token = SLACK_HARNESS.botToken;

  it("finds a secret in any file and line, and names it without printing it", () => {
    writeFileSync(join(dir, "a.test.ts.1.log"), 'pino\t{"msg":"fine"}\n'.repeat(3));
    writeFileSync(
      join(dir, "b.test.ts.2.log"),
      `bot 7 stdout\t{"msg":"ok"}\nbot 7 stderr\tError: auth failed for ${token} (${SLACK_HARNESS.signingSecret})\n`,
    );
    const result = scanLogDir(dir, TEST_SECRETS);
    expect(result).toMatchObject({ files: 2, lines: 5 });
    expect(result.leaks.map((l) => [l.file, l.line, l.label, l.secret])).toEqual([
      ["b.test.ts.2.log", 2, "bot 7 stderr", "slack-harness bot token"],
      ["b.test.ts.2.log", 2, "bot 7 stderr", "slack-harness signing secret"],
    ]);
    const report = describeLeaks(dir, result.leaks);
    expect(report).toContain("b.test.ts.2.log:2 [bot 7 stderr] holds the slack-harness bot token");
    expect(report).toContain("Error: auth failed for <slack-harness bot token>");
    expect(report).not.toContain(token);
    expect(report).not.toContain(SLACK_HARNESS.signingSecret);
  });

  it("reports nothing for clean logs", () => {
    rmSync(join(dir, "b.test.ts.2.log"));
    expect(scanLogDir(dir, TEST_SECRETS)).toEqual({ files: 1, lines: 3, leaks: [] });
  });
});

/** A logger of the bot's kind (no secrets given) whose lines are kept. */
function capturedLogger() {
  const lines: string[] = [];
  const log = createLogger({
    level: "info",
    pretty: false,
    destination: { write: (line: string) => void lines.push(line) },
  });
  return { log, lines };
}

describe("redactUrlCredentials", () => {
  it("hides user and password of every URL in a text, and nothing else", () => {
    expect(
      redactUrlCredentials(
        "GET http://user:pa55@127.0.0.1:8080/api/x?y=1 then https://h.example.org/a@b and ftp://anon@files.example.com",
      ),
    ).toBe(
      "GET http://[Redacted]@127.0.0.1:8080/api/x?y=1 then https://h.example.org/a@b and ftp://[Redacted]@files.example.com",
    );
    expect(redactUrlCredentials('{"url":"https://u:p%40ss@example.org"}')).toBe(
      '{"url":"https://[Redacted]@example.org"}',
    );
    expect(redactUrlCredentials("mailto:someone@example.org, no URL here")).toBe(
      "mailto:someone@example.org, no URL here",
    );
    expect(redactUrlCredentials("http://u:p@")).toBe("http://[Redacted]@");
  });

  it("applies to every logger's lines, even one without secrets to scrub", () => {
    const { log, lines } = capturedLogger();
    log.warn("http request failed http://op:hunter22@127.0.0.1/api/auth.test");
    log.warn({ url: "http://op:hunter22@127.0.0.1/" }, "refused");
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual([
      "http request failed http://[Redacted]@127.0.0.1/api/auth.test",
      "refused",
    ]);
    expect(JSON.parse(lines[1]!).url).toBe("http://[Redacted]@127.0.0.1/");
  });
});

describe("the process id in every line", () => {
  it("is the pid SIGHUP goes to (README: reload), not npm's", () => {
    const { log, lines } = capturedLogger();
    log.info({ port: 3000 }, "virt-talks started");
    expect(JSON.parse(lines[0]!)).toMatchObject({ pid: process.pid, msg: "virt-talks started" });
  });
});
