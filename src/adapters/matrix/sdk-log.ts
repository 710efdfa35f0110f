// Routes matrix-bot-sdk's own logging (a process-wide LogService that prints to the console
// by default) into our logger. Its arguments are flattened to short strings here — never
// handed to pino as objects — and the access token is scrubbed from them.
import { type ILogger, LogLevel, LogService } from "matrix-bot-sdk";
import type { Logger } from "../../log.ts";
import { summarizeError } from "./errors.ts";

function flatten(args: readonly unknown[], secrets: readonly string[]): string {
  const text = args
    .map((a) => {
      if (typeof a === "string") return a;
      if (a instanceof Error) {
        const s = summarizeError(a);
        return [s.status, s.errcode, s.message].filter((x) => x !== undefined).join(" ");
      }
      try {
        return JSON.stringify(a) ?? String(a);
      } catch {
        return String(a);
      }
    })
    .join(" ")
    .slice(0, 500);
  return secrets.reduce(
    (acc, secret) => (secret ? acc.split(secret).join("[Redacted]") : acc),
    text,
  );
}

/**
 * Our code logs every failure it acts on with context, so the SDK's per-request HTTP
 * errors (including the expected 404 for missing account data) go to debug.
 */
export function routeSdkLogs(logger: Logger, secrets: readonly string[]): void {
  const at =
    (level: "debug" | "info" | "warn" | "error") =>
    (module: string, ...args: unknown[]) => {
      const lvl = module === "MatrixHttpClient" && level !== "debug" ? "debug" : level;
      logger[lvl]({ sdk: module }, flatten(args, secrets));
    };
  const bridge: ILogger = {
    trace: () => {},
    debug: at("debug"),
    info: at("debug"),
    warn: at("warn"),
    error: at("error"),
  };
  LogService.setLogger(bridge);
  LogService.setLevel(LogLevel.INFO);
}
