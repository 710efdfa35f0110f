// pino with secrets redacted. Every logger in the program comes from here.
import pino, { type Logger } from "pino";

export type { Logger };

/** Paths whose values never reach a log line, wherever they appear. */
const REDACT_PATHS = [
  "token",
  "botToken",
  "appToken",
  "accessToken",
  "access_token",
  "signingSecret",
  "password",
  "authorization",
  "*.token",
  "*.botToken",
  "*.appToken",
  "*.accessToken",
  "*.access_token",
  "*.signingSecret",
  "*.password",
  "*.authorization",
  "*.headers.authorization",
  "*.headers.Authorization",
  "req.headers.authorization",
  "config.headers.Authorization",
];

/** Where a URL's authority (credentials@host:port) ends inside free text. */
const AUTHORITY_END = new Set([
  "/",
  "?",
  "#",
  " ",
  "\t",
  "\n",
  "\r",
  '"',
  "'",
  "`",
  "<",
  ">",
  "\\",
]);

/**
 * Every `scheme://user:password@host` in a text, as `scheme://[Redacted]@host`: a URL with
 * credentials (SLACK_API_URL, MATRIX_HOMESERVER_URL, an import source) may turn up in any
 * SDK's error message. Hand-rolled on purpose: URL parsers take one URL whose ends are known,
 * and nothing finds URLs inside free text; after each "://" the authority runs to the first
 * "/", "?", "#", space or quote, and its last "@" ends the credentials.
 */
export function redactUrlCredentials(text: string): string {
  let at = text.indexOf("://");
  if (at === -1) return text;
  let out = "";
  let from = 0;
  for (; at !== -1; at = text.indexOf("://", at + 3)) {
    const start = at + 3;
    let end = start;
    while (end < text.length && !AUTHORITY_END.has(text[end]!)) end++;
    const userinfoEnd = text.lastIndexOf("@", end - 1);
    if (userinfoEnd < start) continue;
    out += `${text.slice(from, start)}[Redacted]`;
    from = userinfoEnd;
  }
  return out + text.slice(from);
}

interface LogOptions {
  readonly level: string;
  readonly pretty: boolean;
  /** Exact secret values to scrub from any message text as well. */
  readonly secrets?: readonly string[];
  readonly destination?: pino.DestinationStream;
}

export function createLogger(options: LogOptions): Logger {
  const secrets = (options.secrets ?? []).filter((s) => s.length >= 8);
  const scrub = (s: string) =>
    redactUrlCredentials(secrets.reduce((acc, secret) => acc.split(secret).join("[Redacted]"), s));
  const base: pino.LoggerOptions = {
    level: options.level,
    redact: { paths: REDACT_PATHS, censor: "[Redacted]" },
    hooks: {
      // Belt and braces: a secret or a URL's password that slips into a message or error
      // string is scrubbed too.
      logMethod(args, method) {
        for (let i = 0; i < args.length; i++) {
          const a = args[i];
          if (typeof a === "string") args[i] = scrub(a);
          else if (a && typeof a === "object" && !(a instanceof Error) && i === 0) {
            // Strings one level down ({ err: "…token…" }) are scrubbed too.
            const copy: Record<string, unknown> = { ...(a as Record<string, unknown>) };
            for (const [k, v] of Object.entries(copy)) {
              if (typeof v === "string") copy[k] = scrub(v);
              else if (v instanceof Error)
                copy[k] = {
                  type: v.name,
                  message: scrub(v.message),
                  stack: scrub(v.stack ?? ""),
                };
            }
            args[i] = copy;
          } else if (a instanceof Error)
            args[i] = {
              err: { type: a.name, message: scrub(a.message), stack: scrub(a.stack ?? "") },
            };
        }
        method.apply(this, args as Parameters<typeof method>);
      },
    },
  };
  if (options.destination) return pino(base, options.destination);
  if (options.pretty) {
    return pino({
      ...base,
      transport: {
        target: "pino-pretty",
        options: { colorize: true, translateTime: "SYS:HH:MM:ss" },
      },
    });
  }
  return pino(base);
}
