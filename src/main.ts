// `npm start`: the process around the bot. Reads .env and the environment, reports every
// configuration problem at once, starts the bot (src/app/start.ts) and turns SIGTERM,
// SIGINT and the end of console input into an orderly shutdown with exit code 0.
import { REAL_ADAPTERS } from "./adapters/registry.ts";
import { createBotLogger } from "./app/logger.ts";
import { type Bot, startBot } from "./app/start.ts";
import { type Config, ConfigError, loadConfig } from "./config.ts";
import { CatalogError } from "./core/catalog.ts";
import { StateStoreError } from "./core/state-store.ts";
import type { Logger } from "./log.ts";

/** After a signal, the bot has this long to stop before the process exits anyway. */
const SHUTDOWN_DEADLINE_MS = 10_000;

/** Loads ./.env when there is one. Variables already set in the environment win. */
function loadDotEnv(): void {
  // process.loadEnvFile exists from Node 20.12 on; older 20.x simply skips the file.
  if (typeof process.loadEnvFile !== "function") return;
  try {
    process.loadEnvFile();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return;
    fail(`cannot read .env: ${(err as Error).message}`);
  }
}

function fail(message: string): never {
  process.stderr.write(`virt-talks: ${message}\n`);
  process.exit(1);
}

function exitAfterFlush(logger: Logger, code: number): void {
  process.exitCode = code;
  // pino's flush callback runs once buffered lines are written; don't wait forever for it.
  const fallback = setTimeout(() => process.exit(code), 1_000);
  fallback.unref();
  logger.flush(() => process.exit(code));
}

async function main(): Promise<void> {
  loadDotEnv();
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }

  const consoleMode = !config.slack && !config.matrix;
  const logger = createBotLogger(config, consoleMode);
  // Adapters catch platform errors themselves; what reaches here is a bug, so say so loudly.
  process.on("unhandledRejection", (reason) => {
    logger.error({ err: reason }, "unhandled promise rejection");
  });
  process.on("uncaughtException", (err) => {
    logger.fatal({ err }, "uncaught exception; exiting");
    exitAfterFlush(logger, 1);
  });

  // Signals are handled from here on: one that arrives while the adapters are still
  // connecting stops the bot as soon as it is up (within the same 10 s deadline).
  let bot: Bot | null = null;
  let stopReason: string | null = null;
  const stop = (running: Bot) =>
    running.stop().then(
      () => exitAfterFlush(logger, 0),
      (err: unknown) => {
        logger.error({ err }, "shutdown failed");
        exitAfterFlush(logger, 1);
      },
    );
  const shutdown = (reason: string) => {
    if (stopReason) {
      logger.warn({ reason }, "asked again to stop; exiting now");
      exitAfterFlush(logger, 1);
      return;
    }
    stopReason = reason;
    logger.info({ reason }, "shutting down");
    setTimeout(() => {
      logger.error({ deadlineMs: SHUTDOWN_DEADLINE_MS }, "shutdown took too long; exiting");
      exitAfterFlush(logger, 1);
    }, SHUTDOWN_DEADLINE_MS);
    if (bot) void stop(bot);
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
  // SIGHUP reloads the catalogs (built-in + CATALOG_DIRS); a bad one keeps the one in use.
  process.on("SIGHUP", () => {
    // Off the request path and coalesced: a burst of SIGHUPs costs at most two loads.
    if (bot) void bot.reload("SIGHUP");
    else logger.warn("SIGHUP during start-up: the catalog just loaded is the current one");
  });

  try {
    bot = await startBot(config, {
      adapters: REAL_ADAPTERS,
      logger,
      io: { input: () => process.stdin, output: process.stdout },
    });
  } catch (err) {
    if (err instanceof CatalogError || err instanceof StateStoreError) fail(err.message);
    logger.fatal({ err }, "start-up failed");
    if (!consoleMode) process.stderr.write(`virt-talks: ${(err as Error).message}\n`);
    exitAfterFlush(logger, 1);
    return;
  }
  if (stopReason) void stop(bot);
  else void bot.ended.then(() => shutdown("end of input"));
}

main().catch((err: unknown) => {
  process.stderr.write(
    `virt-talks: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
