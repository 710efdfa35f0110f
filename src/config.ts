// The one module that reads process.env. Everything else receives a typed Config.
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
/** A Slack conversation id: C… (channel), G… (older private channel), D… (DM). */
const SLACK_CHANNEL_ID = /^[CGD][A-Z0-9]+$/;
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
});

export interface SlackConfig {
  readonly botToken: string;
  readonly signingSecret: string;
  readonly appToken: string | undefined;
  readonly apiUrl: string | undefined;
  /** SUBSCRIBE_ADMINS_ONLY: only workspace admins and owners may (un)subscribe a channel. */
  readonly subscribeAdminsOnly: boolean;
}

export interface MatrixConfig {
  readonly homeserverUrl: string;
  readonly accessToken: string;
  readonly allowedServers: readonly string[];
  readonly allowedRooms: readonly string[];
  /** SUBSCRIBE_MIN_POWER: the power level needed to change a room's subscription. */
  readonly subscribeMinPower: number;
}

export interface TotdConfig {
  readonly time: string;
  readonly timeZone: string;
  readonly slackChannels: readonly string[];
  readonly matrixRooms: readonly string[];
  /** SUBSCRIPTIONS_MAX: destinations in all; subscribe refuses new ones beyond it. */
  readonly subscriptionsMax: number;
}

export interface WebConfig {
  /** PUBLIC_URL without a trailing slash: "https://talks.example.org" or ".../virt". */
  readonly publicUrl: string;
  readonly host: string;
  readonly port: number;
  /** WEB_TRUST_PROXY: the client address is the last X-Forwarded-For entry. */
  readonly trustProxy: boolean;
}

/** WEB_PORT, else PUBLIC_URL's own port when it names one, else 8080. */
const DEFAULT_WEB_PORT = 8080;

function webConfig(e: z.infer<typeof EnvSchema>, problems: string[]): WebConfig | null {
  if (!e.PUBLIC_URL) return null;
  const url = new URL(e.PUBLIC_URL);
  const port = e.WEB_PORT ?? (url.port ? Number(url.port) : DEFAULT_WEB_PORT);
  const host = e.WEB_HOST ?? e.HOST;
  if (port !== 0 && port === e.PORT)
    problems.push(
      `WEB_PORT: the public pages need a port of their own, not PORT (${e.PORT}, the operator server)`,
    );
  const publicUrl = `${url.origin}${url.pathname}`.replace(/\/+$/, "");
  return { publicUrl, host, port, trustProxy: e.WEB_TRUST_PROXY };
}

/** Where the state store lives when DATABASE_URL is set; null keeps the file store. */
export interface DatabaseConfig {
  /** May hold a password: never log it (src/persist/pg-errors.ts describeDatabase). */
  readonly url: string;
  readonly schema: string;
  readonly poolMax: number;
}

export interface Config {
  readonly logLevel: string;
  readonly pretty: boolean;
  readonly port: number;
  readonly host: string;
  readonly stateDir: string;
  /** DATABASE_URL set: the state store is PostgreSQL and STATE_DIR is not used. */
  readonly database: DatabaseConfig | null;
  readonly dataDir: string | undefined;
  /** Directories of imported catalog files (CATALOG_DIRS), in order. */
  readonly catalogDirs: readonly string[];
  /** SOURCES_FILE: the schedule sources the bot syncs (src/sources). */
  readonly sourcesFile: string;
  /** Bearer token for POST /admin/reload; undefined leaves the endpoint off. */
  readonly adminToken: string | undefined;
  readonly slack: SlackConfig | null;
  readonly matrix: MatrixConfig | null;
  readonly totd: TotdConfig;
  /** The public pages (PUBLIC_URL set), or null. */
  readonly web: WebConfig | null;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Validates the whole environment at once and reports every problem, naming the variable. */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  isTTY = Boolean(process.stdout.isTTY),
): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  const pair = (a: string, av: unknown, b: string, bv: unknown) => {
    if (Boolean(av) !== Boolean(bv))
      problems.push(`${av ? b : a}: must be set together with ${av ? a : b}`);
  };
  pair("SLACK_BOT_TOKEN", e.SLACK_BOT_TOKEN, "SLACK_SIGNING_SECRET", e.SLACK_SIGNING_SECRET);
  pair(
    "MATRIX_HOMESERVER_URL",
    e.MATRIX_HOMESERVER_URL,
    "MATRIX_ACCESS_TOKEN",
    e.MATRIX_ACCESS_TOKEN,
  );
  const slack =
    e.SLACK_BOT_TOKEN && e.SLACK_SIGNING_SECRET
      ? {
          botToken: e.SLACK_BOT_TOKEN,
          signingSecret: e.SLACK_SIGNING_SECRET,
          appToken: e.SLACK_APP_TOKEN,
          apiUrl: e.SLACK_API_URL,
          subscribeAdminsOnly: e.SUBSCRIBE_ADMINS_ONLY,
        }
      : null;
  const matrix =
    e.MATRIX_HOMESERVER_URL && e.MATRIX_ACCESS_TOKEN
      ? {
          homeserverUrl: e.MATRIX_HOMESERVER_URL,
          accessToken: e.MATRIX_ACCESS_TOKEN,
          allowedServers: e.MATRIX_ALLOWED_SERVERS,
          allowedRooms: e.MATRIX_ALLOWED_ROOMS,
          subscribeMinPower: e.SUBSCRIBE_MIN_POWER,
        }
      : null;
  if (e.TOTD_SLACK_CHANNELS.length && !slack)
    problems.push("TOTD_SLACK_CHANNELS: needs SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET");
  // Channel ids, never names: posts and the exactly-once history check address a channel by
  // id, and a name changes when the channel is renamed.
  for (const channel of e.TOTD_SLACK_CHANNELS.filter((c) => !SLACK_CHANNEL_ID.test(c)))
    problems.push(
      `TOTD_SLACK_CHANNELS: "${channel}" is not a channel id; use the id (like C0123ABCDEF), not the name. In Slack, open the channel, click its name at the top: the id is at the bottom of the About tab`,
    );
  if (e.TOTD_MATRIX_ROOMS.length && !matrix)
    problems.push("TOTD_MATRIX_ROOMS: needs MATRIX_HOMESERVER_URL and MATRIX_ACCESS_TOKEN");
  const web = webConfig(e, problems);
  if (problems.length) throw new ConfigError(problems);
  return {
    logLevel: e.LOG_LEVEL,
    pretty: isTTY && e.NODE_ENV !== "production",
    port: e.PORT,
    host: e.HOST,
    stateDir: e.STATE_DIR,
    database: e.DATABASE_URL
      ? { url: e.DATABASE_URL, schema: e.DATABASE_SCHEMA, poolMax: e.DATABASE_POOL_MAX }
      : null,
    dataDir: e.DATA_DIR,
    catalogDirs: e.CATALOG_DIRS,
    sourcesFile: e.SOURCES_FILE,
    adminToken: e.ADMIN_TOKEN,
    slack,
    matrix,
    totd: {
      time: e.TOTD_TIME,
      timeZone: e.TOTD_TIMEZONE,
      slackChannels: e.TOTD_SLACK_CHANNELS,
      matrixRooms: e.TOTD_MATRIX_ROOMS,
      subscriptionsMax: e.SUBSCRIPTIONS_MAX,
    },
    web,
  };
}
