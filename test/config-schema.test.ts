// EnvSchema on its own: what each kind of variable makes of blank, padded and absent
// values (an operator's .env often has "KEY=" lines), before loadConfig's cross-checks.
import { describe, expect, it } from "vitest";
import { EnvSchema } from "../src/config-schema.ts";

const parse = (env: Record<string, string>) => EnvSchema.parse(env);

describe("EnvSchema", () => {
  it("fills every default from an empty environment", () => {
    const e = parse({});
    expect([e.LOG_LEVEL, e.PORT, e.HOST, e.STATE_DIR, e.DATABASE_SCHEMA]).toEqual([
      "info",
      3000,
      "127.0.0.1",
      "./state",
      "virt_talks",
    ]);
    expect([e.DATABASE_POOL_MAX, e.SUBSCRIBE_MIN_POWER, e.SUBSCRIPTIONS_MAX]).toEqual([5, 50, 500]);
    expect([e.TOTD_TIME, e.TOTD_TIMEZONE, e.SOURCES_FILE]).toEqual([
      "09:00",
      "UTC",
      "catalog/sources.json",
    ]);
    expect([e.CATALOG_DIRS, e.SUBSCRIBE_ADMINS_ONLY, e.WEB_TRUST_PROXY, e.WEB_PORT]).toEqual([
      [],
      false,
      false,
      undefined,
    ]);
  });

  it("reads a blank or padded value as absent or trimmed", () => {
    const e = parse({
      DATA_DIR: "  ",
      NODE_ENV: " production ",
      DATABASE_POOL_MAX: " ",
      WEB_PORT: "",
      SUBSCRIBE_ADMINS_ONLY: "",
    });
    expect([
      e.DATA_DIR,
      e.NODE_ENV,
      e.DATABASE_POOL_MAX,
      e.WEB_PORT,
      e.SUBSCRIBE_ADMINS_ONLY,
    ]).toEqual([undefined, "production", 5, undefined, false]);
  });

  it("splits a comma list, trimming each item and dropping empty ones", () => {
    expect(
      parse({ MATRIX_ALLOWED_SERVERS: " a.example.org, ,b.example.org,," }).MATRIX_ALLOWED_SERVERS,
    ).toEqual(["a.example.org", "b.example.org"]);
  });

  it("names each variable that holds what it may not", () => {
    const parsed = EnvSchema.safeParse({
      TOTD_TIME: "9am",
      TOTD_TIMEZONE: "Mars/Olympus",
      ADMIN_TOKEN: "short",
      SLACK_BOT_TOKEN: "a-user-token",
    });
    expect(
      parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`),
    ).toEqual([
      "ADMIN_TOKEN: must be at least 16 characters",
      "SLACK_BOT_TOKEN: must be a bot token starting with xoxb-",
      "TOTD_TIME: must be HH:MM (or HH:MM:SS) in 24-hour time, e.g. 09:00",
      "TOTD_TIMEZONE: must be an IANA time zone, e.g. Europe/Berlin",
    ]);
  });
});
