// Greps the log sink files (test/support/log-sink.ts) for test secrets. A finding names the
// file, the line, the stream and which secret; the excerpt has every secret replaced by its
// name, so the report never prints a secret itself.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { TestSecret } from "./secrets.ts";

interface Leak {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** The stream the line came from ("pino", "bot 1234 stdout", ...). */
  readonly label: string;
  /** The secret's name, never its value. */
  readonly secret: string;
  /** The start of the line with every secret replaced by <its name>. */
  readonly excerpt: string;
}

interface ScanResult {
  readonly files: number;
  readonly lines: number;
  readonly leaks: readonly Leak[];
}

const EXCERPT_CHARS = 160;

function redactSecrets(text: string, secrets: readonly TestSecret[]): string {
  // Longest first, so a secret that contains another is named as itself.
  const byLength = [...secrets].sort((a, b) => b.value.length - a.value.length);
  return byLength.reduce((acc, s) => acc.split(s.value).join(`<${s.name}>`), text);
}

function scanText(
  file: string,
  text: string,
  secrets: readonly TestSecret[],
): { lines: number; leaks: Leak[] } {
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  const leaks: Leak[] = [];
  lines.forEach((raw, i) => {
    const found = secrets.filter((s) => raw.includes(s.value));
    if (found.length === 0) return;
    const tab = raw.indexOf("\t");
    const label = tab >= 0 ? raw.slice(0, tab) : "";
    const excerpt = redactSecrets(raw.slice(tab + 1), secrets).slice(0, EXCERPT_CHARS);
    for (const s of found) leaks.push({ file, line: i + 1, label, secret: s.name, excerpt });
  });
  return { lines: lines.length, leaks };
}

export function scanLogDir(dir: string, secrets: readonly TestSecret[]): ScanResult {
  let files = 0;
  let lines = 0;
  const leaks: Leak[] = [];
  for (const name of readdirSync(dir).sort()) {
    const text = readFileSync(join(dir, name), "utf8");
    files++;
    // Most files hold no secret at all: check the whole text before going line by line.
    if (!secrets.some((s) => text.includes(s.value))) {
      lines += text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
      continue;
    }
    const result = scanText(name, text, secrets);
    lines += result.lines;
    leaks.push(...result.leaks);
  }
  return { files, lines, leaks };
}

export function describeLeaks(dir: string, leaks: readonly Leak[], max = 20): string {
  const shown = leaks
    .slice(0, max)
    .map((l) => `  ${l.file}:${l.line} [${l.label}] holds the ${l.secret}: ${l.excerpt}`);
  const more = leaks.length > max ? [`  ... and ${leaks.length - max} more`] : [];
  return [
    `${leaks.length} log line(s) written during the tests hold a test secret (kept in ${dir}):`,
    ...shown,
    ...more,
  ].join("\n");
}
