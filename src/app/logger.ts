// The one logger of a running bot. In a chat deployment: JSON to stdout (pretty in a
// terminal). In console mode stdout belongs to the conversation, so logs go to stderr
// and only warnings and errors are shown.

import { createRequire } from "node:module";
import pino from "pino";
import type PinoPretty from "pino-pretty";
import type { Config } from "../config.ts";
import { createLogger, type Logger, redactUrlCredentials } from "../log.ts";

const QUIETER = ["fatal", "error", "silent"];

/** Every secret value of the configuration, scrubbed from any log text. */
export function configSecrets(config: Config): string[] {
  const values = [
    config.slack?.botToken,
    config.slack?.signingSecret,
    config.slack?.appToken,
    config.matrix?.accessToken,
  ];
  return values.filter((v): v is string => typeof v === "string" && v.length > 0);
}

/** Removes secret values and URL passwords from text that leaves the process (/healthz). */
export function createScrubber(secrets: readonly string[]): (text: string) => string {
  const long = secrets.filter((s) => s.length >= 8);
  return (text) =>
    redactUrlCredentials(long.reduce((acc, s) => acc.split(s).join("[Redacted]"), text));
}

export function createBotLogger(config: Config, consoleMode: boolean): Logger {
  const secrets = configSecrets(config);
  if (!consoleMode) return createLogger({ level: config.logLevel, pretty: config.pretty, secrets });
  const level = QUIETER.includes(config.logLevel) ? config.logLevel : "warn";
  const destination = config.pretty
    ? loadPretty()({ destination: 2, colorize: true, sync: true, translateTime: "SYS:HH:MM:ss" })
    : pino.destination({ fd: 2, sync: true });
  return createLogger({ level, pretty: false, secrets, destination });
}

/**
 * pino-pretty only where a person reads the console's log: loading it costs every chat
 * deployment ~20 ms of start-up and its memory for nothing (chat mode's pretty output goes
 * through pino's transport, src/log.ts).
 */
function loadPretty(): typeof PinoPretty {
  return createRequire(import.meta.url)("pino-pretty") as typeof PinoPretty;
}
