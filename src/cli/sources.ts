// `sources list | add URL [...] | remove N | sync [N]`: the schedules the bot keeps in sync
// by itself (SOURCES_FILE). `sync` fetches and imports now, in this process, with the same
// merge rules the bot uses; the running bot picks the files up at its next reload.
import { parseArgs } from "node:util";
import { displaySource } from "../import/fetch-source.ts";
import { FORMATS, type ScheduleFormat } from "../import/types.ts";
import { clean } from "../render/console/text.ts";
import { formatInterval, parseInterval } from "../sources/duration.ts";
import { fetchIfChanged } from "../sources/fetch-changed.ts";
import { importerFor } from "../sources/import-text.ts";
import { NEW_SOURCE_STATE } from "../sources/source-state.ts";
import {
  DEFAULT_EVERY,
  loadSources,
  type SourceEntry,
  SourcesFileError,
  saveSources,
} from "../sources/sources-file.ts";
import { type SyncResult, syncSource } from "../sources/sync-source.ts";
import type { CliContext } from "./context.ts";
import { DEFAULT_OUT } from "./import.ts";
import { parsed, positiveInt, UsageError } from "./usage.ts";

const SOURCES_USAGE =
  "sources list | add URL [--track RE] [--event NAME] [--every 6h] [--format F] | remove N | sync [N]";

function describe(entry: SourceEntry, index: number): string {
  const every = entry.every ?? DEFAULT_EVERY;
  const parts = [`${index + 1}. ${displaySource(entry.url)}`, `every ${every}`];
  if (entry.format) parts.push(`format ${entry.format}`);
  if (entry.track) parts.push(`track /${entry.track}/`);
  if (entry.event) parts.push(`event "${entry.event}"`);
  return clean(parts.join(", "));
}

function outcome(result: SyncResult): string {
  switch (result.kind) {
    case "unchanged":
      return "unchanged";
    case "failed":
      return `failed: ${result.error} (the catalog keeps its last good talks)`;
    case "changed":
      return `added ${result.added.length}, updated ${result.updated.length}, removed (cancelled) ${result.cancelled.length}, no longer listed (kept) ${result.notListed.length}`;
  }
}

function indexArg(value: string | undefined, count: number): number {
  const n = positiveInt("N", value, 1);
  if (n > count)
    throw new UsageError(
      count
        ? `There is no source ${n}: the file lists ${count}.`
        : "The sources file lists no source.",
    );
  return n - 1;
}

async function add(args: readonly string[], file: string, ctx: CliContext): Promise<number> {
  const { values, positionals } = parsed(() =>
    parseArgs({
      args: [...args],
      options: {
        track: { type: "string" },
        event: { type: "string" },
        every: { type: "string" },
        format: { type: "string" },
      },
      allowPositionals: true,
    }),
  );
  if (positionals.length !== 1) throw new UsageError(`sources add takes one URL: ${SOURCES_USAGE}`);
  const url = positionals[0]!;
  if (values.every !== undefined) {
    const every = parseInterval(values.every);
    if (typeof every === "string") throw new UsageError(`--every: ${every}`);
  }
  if (values.format !== undefined && !(FORMATS as readonly string[]).includes(values.format))
    throw new UsageError(`--format must be one of ${FORMATS.join(", ")}, got "${values.format}".`);
  const current = loadSources(file);
  if (current.sources.some((s) => s.url === url))
    throw new UsageError(`${displaySource(url)} is already a source.`);
  const entry: SourceEntry = {
    url,
    ...(values.format ? { format: values.format as ScheduleFormat } : {}),
    ...(values.track ? { track: values.track } : {}),
    ...(values.event?.trim() ? { event: values.event.trim() } : {}),
    ...(values.every ? { every: formatInterval(parseInterval(values.every) as number) } : {}),
  };
  try {
    await saveSources(file, { sources: [...current.sources, entry] });
  } catch (err) {
    // zod names the field; the URL is shown without credentials.
    const message = err instanceof Error ? err.message.split(url).join(displaySource(url)) : "";
    throw new UsageError(`not a usable source: ${message}`);
  }
  await ctx.print(`added ${describe(entry, current.sources.length)}`);
  return 0;
}

async function sync(args: readonly string[], file: string, ctx: CliContext): Promise<number> {
  const { sources } = loadSources(file);
  const chosen = args.length ? [indexArg(args[0], sources.length)] : sources.map((_, i) => i);
  const settings = ctx.catalogSettings();
  const importText = importerFor({
    outDir: settings.catalogDirs[0] ?? DEFAULT_OUT,
    dataDir: settings.dataDir,
    catalogDirs: settings.catalogDirs,
    timeZone: ctx.timeZone(),
  });
  let failed = 0;
  for (const i of chosen) {
    const entry = sources[i]!;
    const { result } = await syncSource(
      entry,
      NEW_SOURCE_STATE,
      { fetch: (url, validators) => fetchIfChanged(url, validators), importText },
      Date.now(),
    );
    if (result.kind === "failed") failed++;
    await ctx.print(clean(`${i + 1}. ${displaySource(entry.url)}: ${outcome(result)}`));
  }
  if (chosen.length && failed < chosen.length)
    ctx.warn(
      "A running bot serves these files after its next reload (SIGHUP or POST /admin/reload).",
    );
  return failed ? 1 : 0;
}

export async function sourcesCommand(args: readonly string[], ctx: CliContext): Promise<number> {
  const [verb, ...rest] = args;
  const file = ctx.catalogSettings().sourcesFile;
  try {
    switch (verb) {
      case "list":
      case undefined: {
        const { sources } = loadSources(file);
        await ctx.print(
          sources.length
            ? sources.map(describe).join("\n")
            : `No sources in ${file}. Add one with: sources add URL`,
        );
        return 0;
      }
      case "add":
        return await add(rest, file, ctx);
      case "remove": {
        const current = loadSources(file);
        const i = indexArg(rest[0], current.sources.length);
        const gone = current.sources[i]!;
        await saveSources(file, { sources: current.sources.filter((_, j) => j !== i) });
        await ctx.print(`removed ${describe(gone, i)}`);
        return 0;
      }
      case "sync":
        return await sync(rest, file, ctx);
      default:
        throw new UsageError(`Unknown sources command "${verb}": ${SOURCES_USAGE}`);
    }
  } catch (err) {
    if (!(err instanceof SourcesFileError)) throw err;
    ctx.warn(`virt-talks: sources: ${clean(err.message)}`);
    ctx.warn("Nothing was written.");
    return 1;
  }
}
