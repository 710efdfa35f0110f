// Bolt and the Web API SDK log through this: their messages go to our pino logger (so the
// secret scrubbing of log.ts applies) as one string per call, capped in length.
import { format } from "node:util";
import { type Logger as BoltLogger, LogLevel } from "@slack/bolt";
import type { Logger } from "../../log.ts";

const MAX_MESSAGE = 2000;

const PINO_TO_BOLT: Readonly<Record<string, LogLevel>> = {
  trace: LogLevel.DEBUG,
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
  fatal: LogLevel.ERROR,
  silent: LogLevel.ERROR,
};

export function boltLogger(logger: Logger): BoltLogger {
  const log = logger.child({ component: "slack-sdk" });
  // util.format renders Errors with their stack and objects with inspect; the scrubbing
  // hook in log.ts then sees one plain string.
  const text = (args: unknown[]) => format(...args).slice(0, MAX_MESSAGE);
  return {
    debug: (...args: unknown[]) => log.debug(text(args)),
    info: (...args: unknown[]) => log.info(text(args)),
    warn: (...args: unknown[]) => log.warn(text(args)),
    error: (...args: unknown[]) => log.error(text(args)),
    // Our LOG_LEVEL decides; Bolt asking for another level is ignored on purpose.
    setLevel: () => {},
    getLevel: () => PINO_TO_BOLT[log.level] ?? LogLevel.INFO,
    setName: () => {},
  };
}
