// What every CLI command gets: the streams, and the catalog loaded on first use (so
// `--help` and usage errors never touch the data directory). The search pipeline is
// `search`'s own (search.ts): `list` and `import` never load the search engine.
import { once } from "node:events";
import { type Config, ConfigError } from "../config.ts";
import { DEFAULT_SOURCES_FILE } from "../config-schema.ts";
import { type Catalog, loadCatalog } from "../core/catalog.ts";

export interface CliIo {
  readonly stdin: NodeJS.ReadableStream;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

export interface CliContext {
  readonly io: CliIo;
  catalog(): Catalog;
  /** IANA zone that decides what "today" is. */
  timeZone(): string;
  /** DATA_DIR (undefined: the bundled data/) and CATALOG_DIRS, for `import`. */
  catalogSettings(): {
    readonly dataDir: string | undefined;
    readonly catalogDirs: readonly string[];
    /** SOURCES_FILE, for `sources`. */
    readonly sourcesFile: string;
  };
  /** Writes a line to stdout, waiting for the pipe to drain when it is full. */
  print(text: string): Promise<void>;
  warn(text: string): void;
}

interface Settings {
  readonly dataDir: string | undefined;
  readonly catalogDirs: readonly string[];
  readonly sourcesFile: string;
  readonly timeZone: string;
}

export function createContext(io: CliIo, loadConfig: () => Config): CliContext {
  let settings: Settings | undefined;
  let catalog: Catalog | undefined;

  const warn = (text: string) => {
    io.stderr.write(`${text}\n`);
  };

  function getSettings(): Settings {
    if (settings) return settings;
    try {
      const config = loadConfig();
      settings = {
        dataDir: config.dataDir,
        catalogDirs: config.catalogDirs,
        sourcesFile: config.sourcesFile,
        timeZone: config.totd.timeZone,
      };
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      // The CLI needs none of the chat settings; a bad token must not stop `list`.
      warn(`warning: ${err.message}`);
      warn("warning: ignoring the environment: using the default data directory and UTC.");
      settings = {
        dataDir: undefined,
        catalogDirs: [],
        sourcesFile: DEFAULT_SOURCES_FILE,
        timeZone: "UTC",
      };
    }
    return settings;
  }

  const getCatalog = () => {
    catalog ??= loadCatalog(getSettings().dataDir, getSettings().catalogDirs);
    return catalog;
  };

  return {
    io,
    catalog: getCatalog,
    timeZone: () => getSettings().timeZone,
    catalogSettings: () => getSettings(),
    async print(text) {
      if (!io.stdout.write(`${text}\n`)) await once(io.stdout, "drain");
    },
    warn,
  };
}
