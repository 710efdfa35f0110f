// The one module that reads process.env. Everything else receives a typed Config.
import { type Env, EnvSchema } from "./config-schema.ts";

/** A Slack conversation id: C… (channel), G… (older private channel), D… (DM). */
const SLACK_CHANNEL_ID = /^[CGD][A-Z0-9]+$/;

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
  /** WEB_TALK_PAGES_MB in bytes: the bound of the talk pages prepared ahead. */
  readonly talkPageBytes: number;
}

/** WEB_PORT, else PUBLIC_URL's own port when it names one, else 8080. */
const DEFAULT_WEB_PORT = 8080;

function webConfig(e: Env, problems: string[]): WebConfig | null {
  if (!e.PUBLIC_URL) return null;
  const url = new URL(e.PUBLIC_URL);
  const port = e.WEB_PORT ?? (url.port ? Number(url.port) : DEFAULT_WEB_PORT);
  const host = e.WEB_HOST ?? e.HOST;
  if (port !== 0 && port === e.PORT)
    problems.push(
      `WEB_PORT: the public pages need a port of their own, not PORT (${e.PORT}, the operator server)`,
    );
  const publicUrl = `${url.origin}${url.pathname}`.replace(/\/+$/, "");
  return {
    publicUrl,
    host,
    port,
    trustProxy: e.WEB_TRUST_PROXY,
    talkPageBytes: e.WEB_TALK_PAGES_MB * 2 ** 20,
  };
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
