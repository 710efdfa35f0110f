// `import SOURCE...`: conference schedules into catalog files (src/import). Exit 0 with a
// report, 1 with one message naming the source when an input is bad (nothing written),
// 2 for usage errors.
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { type FileReport, runImport } from "../import/import.ts";
import { FORMATS, ImportError, type ScheduleFormat } from "../import/types.ts";
import { clean } from "../render/console/text.ts";
import type { CliContext } from "./context.ts";
import { parsed, positiveInt, USAGE, UsageError } from "./usage.ts";

/** Where imported files go without --out and without CATALOG_DIRS. */
export const DEFAULT_OUT = "./catalog";
/** Skip lines printed per file; --json lists them all. */
const MAX_SKIP_LINES = 20;

function trackPattern(value: string | undefined): RegExp | undefined {
  if (value === undefined) return undefined;
  try {
    return new RegExp(value, "iu");
  } catch (err) {
    throw new UsageError(`--track is not a valid regular expression: ${(err as Error).message}`);
  }
}

function formatOption(value: string | undefined): ScheduleFormat | undefined {
  if (value === undefined) return undefined;
  if ((FORMATS as readonly string[]).includes(value)) return value as ScheduleFormat;
  throw new UsageError(`--format must be one of ${FORMATS.join(", ")}, got "${value}".`);
}

/** `--explain`: one line per talk of the source, what happened to it and why. */
function explained(report: FileReport): string[] {
  return report.decisions.map(
    (d) =>
      `  ${d.outcome} ${d.id ?? d.source} "${d.title}": ${d.reason}` +
      (d.id ? ` [${d.source}]` : ""),
  );
}

function human(report: FileReport, dryRun: boolean, explain: boolean): string {
  const state = dryRun
    ? "dry run, nothing written"
    : report.changed
      ? "written"
      : "unchanged, not rewritten";
  const lines = [
    `${report.eventId} → ${report.path} (${state})`,
    `  added ${report.added.length}, updated ${report.updated.length}, unchanged ${report.unchanged.length}, skipped ${report.skipped.length}`,
  ];
  for (const note of report.notes) lines.push(`  note: ${note}`);
  if (explain) return cleanLines(lines.concat(explained(report)));
  if (report.removed.length)
    lines.push(
      `  removed ${report.removed.length} talks the source now says are cancelled: ${report.removed.join(", ")}`,
    );
  if (report.kept.length)
    lines.push(
      `  kept ${report.kept.length} talks the source no longer lists: ${report.kept.join(", ")}`,
    );
  const offTrack = report.skipped.filter((s) => s.reason.endsWith("does not match --track"));
  const others = report.skipped.filter((s) => !offTrack.includes(s));
  for (const s of others.slice(0, MAX_SKIP_LINES))
    lines.push(`  skipped ${s.where} "${s.title}": ${s.reason}`);
  if (others.length > MAX_SKIP_LINES)
    lines.push(`  … and ${others.length - MAX_SKIP_LINES} more skipped (--json lists all)`);
  if (offTrack.length) lines.push(`  skipped ${offTrack.length} talks of other tracks (--track)`);
  return cleanLines(lines);
}

/** Source text (titles, reasons) may hold anything: each line is cleaned, indent kept. */
function cleanLines(lines: readonly string[]): string {
  return lines.map((l) => (l.startsWith("  ") ? `  ${clean(l)}` : clean(l))).join("\n");
}

export async function importCommand(args: readonly string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parsed(() =>
    parseArgs({
      args: [...args],
      options: {
        format: { type: "string" },
        track: { type: "string" },
        event: { type: "string" },
        year: { type: "string" },
        out: { type: "string" },
        "dry-run": { type: "boolean" },
        json: { type: "boolean" },
        explain: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      allowPositionals: true,
    }),
  );
  if (values.help) return ctx.print(USAGE).then(() => 0);
  if (positionals.length === 0)
    throw new UsageError("import needs at least one SOURCE: a file, - (stdin) or an http(s) URL.");
  const year = values.year === undefined ? undefined : positiveInt("--year", values.year, 0, 2100);
  if (year !== undefined && year < 1990)
    throw new UsageError(`--year must be 1990 or later, got ${year}.`);
  if (values.event !== undefined && !values.event.trim())
    throw new UsageError('--event needs a name, e.g. --event "KVM Forum 2026".');
  const settings = ctx.catalogSettings();
  const dryRun = values["dry-run"] ?? false;
  try {
    const reports = await runImport({
      sources: positionals,
      outDir: values.out ?? settings.catalogDirs[0] ?? DEFAULT_OUT,
      dryRun,
      format: formatOption(values.format),
      track: trackPattern(values.track),
      ...(values.event ? { eventName: values.event.trim() } : {}),
      ...(year ? { year } : {}),
      ...(settings.dataDir ? { dataDir: settings.dataDir } : {}),
      catalogDirs: settings.catalogDirs,
      now: new Date(),
      timeZone: ctx.timeZone(),
      fetch: { stdin: ctx.io.stdin },
    });
    const out = resolve(values.out ?? settings.catalogDirs[0] ?? DEFAULT_OUT);
    if (!dryRun && !settings.catalogDirs.some((d) => resolve(d) === out))
      ctx.warn(`note: ${out} is not in CATALOG_DIRS; add it there so the bot loads these talks.`);
    await ctx.print(
      values.json
        ? JSON.stringify({ dryRun, files: reports }, null, 2)
        : reports.map((r) => human(r, dryRun, values.explain ?? false)).join("\n"),
    );
    return 0;
  } catch (err) {
    if (!(err instanceof ImportError)) throw err;
    ctx.warn(`virt-talks: import: ${clean(err.message)}`);
    ctx.warn("Nothing was written.");
    return 1;
  }
}
