// Dispatches a CLI command line and turns every failure into a message and an exit
// status: 2 for usage errors, 1 for catalog/data errors. Never calls process.exit, so
// it can run inside tests and stdout is flushed before the process ends.

import { type Config, loadConfig } from "../config.ts";
import { CatalogError } from "../core/catalog.ts";
import { clean } from "../render/console/text.ts";
import { type CliContext, type CliIo, createContext } from "./context.ts";
import { USAGE, UsageError } from "./usage.ts";

type Command = (args: readonly string[], ctx: CliContext) => Promise<number>;

// Each command's modules load when it runs: every command (`list`, `--help`) loaded the
// importer's and the sources' modules with their parsers (fast-xml-parser, ical.js,
// html-to-text), ~80 ms of CPU `list` never uses (node --cpu-prof; the bundle is split
// per import() by scripts/build.mjs).
const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  list: async () => (await import("./catalog-commands.ts")).list,
  show: async () => (await import("./catalog-commands.ts")).show,
  search: async () => (await import("./search.ts")).search,
  today: async () => (await import("./today.ts")).today,
  import: async () => (await import("./import.ts")).importCommand,
  sources: async () => (await import("./sources.ts")).sourcesCommand,
};

interface RunOptions {
  /** Where settings come from; tests pass a fixed Config instead of the environment. */
  readonly loadConfig?: () => Config;
}

export async function run(
  argv: readonly string[],
  io: CliIo,
  options: RunOptions = {},
): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === "help" || name === "--help" || name === "-h") {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (name === undefined) {
      io.stderr.write(`${USAGE}\n`);
      return 2;
    }
    const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!load) {
      throw new UsageError(
        `Unknown command "${name}": use list, show, search, today, import or sources.`,
      );
    }
    const command = await load();
    return await command(rest, createContext(io, options.loadConfig ?? (() => loadConfig())));
  } catch (err) {
    if (err instanceof UsageError) {
      // Usage messages quote what was typed; keep its escape sequences off the terminal.
      io.stderr.write(`virt-talks: ${clean(err.message)}\n${err.hint}\n`);
      return 2;
    }
    if (err instanceof CatalogError) {
      io.stderr.write(`virt-talks: ${err.message}\n`);
      return 1;
    }
    // A system error (missing data directory, unreadable file) needs its message, not a stack.
    if (err instanceof Error && typeof (err as NodeJS.ErrnoException).code === "string") {
      io.stderr.write(`virt-talks: ${clean(err.message)}\n`);
    } else {
      const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
      io.stderr.write(`virt-talks: unexpected error: ${detail}\n`);
    }
    return 1;
  }
}
