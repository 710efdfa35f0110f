// What each environment variable may hold: the zod schema loadConfig (config.ts) parses
// process.env with, one entry per variable, its default and the message naming what is
// wrong. Pure: it reads no environment; config.ts is the one module that does.
import { z } from "zod";

const csv = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  );
const optionalText = z
  .string()
  .optional()
  .transform((v) => (v?.trim() ? v.trim() : undefined));

const validZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

/** Where `cli sources add` writes and the bot reads its schedule sources. */
export const DEFAULT_SOURCES_FILE = "catalog/sources.json";

export const EnvSchema = z.object({
  NODE_ENV: optionalText,
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Interface the HTTP server binds to. */
  HOST: z.string().default("127.0.0.1"),
  STATE_DIR: z.string().default("./state"),
  /** postgres://… : every state-store namespace in PostgreSQL (replicas); unset: STATE_DIR. */
  DATABASE_URL: optionalText.refine(
    (v) => v === undefined || v.startsWith("postgres://") || v.startsWith("postgresql://"),
    { message: "must be a postgres:// or postgresql:// URL" },
  ),
  /** The PostgreSQL schema holding the bot's tables (created at start). */
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, "must be a lower-case SQL name, e.g. virt_talks")
    .default("virt_talks"),
  /** Connections each replica opens at most. */
  DATABASE_POOL_MAX: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.coerce.number().int().min(1).max(100).default(5),
  ),
  DATA_DIR: optionalText,
  /** More catalog directories (imported talks), loaded after the built-in data/. */
  CATALOG_DIRS: csv,
  /** Schedules the bot keeps in sync by itself (`cli sources`); absent file: none. */
  SOURCES_FILE: z.string().default(DEFAULT_SOURCES_FILE),
  /** Enables POST /admin/reload on the operator server; unset keeps it off. */
  ADMIN_TOKEN: optionalText.refine((v) => v === undefined || v.length >= 16, {
    message: "must be at least 16 characters",
  }),

  SLACK_BOT_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith("xoxb-"), {
    message: "must be a bot token starting with xoxb-",
  }),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith("xapp-"), {
    message: "must be an app-level token starting with xapp-",
  }),
  SLACK_API_URL: optionalText.pipe(z.url().optional()),
  /** true: only workspace admins and owners may (un)subscribe a Slack channel. */
  SUBSCRIBE_ADMINS_ONLY: z
    .enum(["true", "false", ""])
    .optional()
    .transform((v) => v === "true"),

  MATRIX_HOMESERVER_URL: optionalText.pipe(z.url().optional()),
  MATRIX_ACCESS_TOKEN: optionalText,
  MATRIX_ALLOWED_SERVERS: csv,
  MATRIX_ALLOWED_ROOMS: csv,
  /** Power level a Matrix user needs in a room to (un)subscribe it to the daily talk. */
  SUBSCRIBE_MIN_POWER: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.coerce.number().int().min(0).default(50),
  ),

  TOTD_TIME: z
    .string()
    .regex(
      /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/,
      "must be HH:MM (or HH:MM:SS) in 24-hour time, e.g. 09:00",
    )
    .default("09:00"),
  TOTD_TIMEZONE: z
    .string()
    .default("UTC")
    .refine(validZone, { message: "must be an IANA time zone, e.g. Europe/Berlin" }),
  TOTD_SLACK_CHANNELS: csv,
  TOTD_MATRIX_ROOMS: csv,
  /** Talk-of-the-day destinations in all (the operator's and chat subscriptions). */
  SUBSCRIPTIONS_MAX: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.coerce.number().int().min(0).default(500),
  ),

  /** The base URL people reach the public pages at; unset: no pages, cards as before. */
  PUBLIC_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
  /** The public pages' own listener (never the operator server's PORT). */
  WEB_PORT: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.coerce.number().int().min(0).max(65535).optional(),
  ),
  WEB_HOST: optionalText,
  /** true: behind a reverse proxy, rate-limit by the last X-Forwarded-For address. */
  WEB_TRUST_PROXY: z
    .enum(["true", "false", ""])
    .optional()
    .transform((v) => v === "true"),
  /** MB of talk pages prepared ahead as bytes (src/web/talk-page-store.ts); past it, on demand. */
  WEB_TALK_PAGES_MB: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.coerce.number().int().min(1).max(65_536).default(64),
  ),
});

/** The environment as the schema parsed it: every variable typed, defaults filled in. */
export type Env = z.infer<typeof EnvSchema>;
