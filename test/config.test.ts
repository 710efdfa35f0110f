// .env.example documents every variable loadConfig reads, each with a comment, with the
// credentials left empty, and is itself a valid configuration (console mode).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.ts";
import { EnvSchema } from "../src/config-schema.ts";
import { SLACK_HARNESS } from "./support/secrets.ts";
import { ROOT } from "./support/totd-spawn.ts";

const lines = readFileSync(join(ROOT, ".env.example"), "utf8").split("\n");
const entries = lines.flatMap((line, i) => {
  const m = /^([A-Z_]+)=(.*)$/.exec(line);
  return m ? [{ key: m[1]!, value: m[2]!, previous: lines[i - 1] ?? "" }] : [];
});
const env = Object.fromEntries(entries.map((e) => [e.key, e.value]));

describe(".env.example", () => {
  it("lists every variable of the configuration schema, once, each under a comment", () => {
    expect(entries.map((e) => e.key).sort()).toEqual(Object.keys(EnvSchema.shape).sort());
    for (const e of entries) expect([e.key, e.previous.startsWith("# ")]).toEqual([e.key, true]);
  });

  it("leaves every credential empty and is a valid (console-mode) configuration", () => {
    for (const key of [
      "SLACK_BOT_TOKEN",
      "SLACK_SIGNING_SECRET",
      "SLACK_APP_TOKEN",
      "MATRIX_ACCESS_TOKEN",
    ]) {
      expect([key, env[key]]).toEqual([key, ""]);
    }
    const config = loadConfig(env, false);
    expect(config.slack).toBeNull();
    expect(config.matrix).toBeNull();
    expect(config.totd).toMatchObject({ time: "09:00", timeZone: "UTC" });
  });
});

describe("operator server address", () => {
  it("binds 127.0.0.1 unless HOST says otherwise (a container sets 0.0.0.0)", () => {
    expect(loadConfig({}, false).host).toBe("127.0.0.1");
    expect(loadConfig({ HOST: "0.0.0.0" }, false).host).toBe("0.0.0.0");
  });
});

describe("TOTD_SLACK_CHANNELS", () => {
  const slack = {
    SLACK_BOT_TOKEN: SLACK_HARNESS.botToken,
    SLACK_SIGNING_SECRET: SLACK_HARNESS.signingSecret,
  };

  it("takes channel ids", () => {
    const config = loadConfig({ ...slack, TOTD_SLACK_CHANNELS: "C0123ABCDEF, G0PRIVATE1" }, false);
    expect(config.totd.slackChannels).toEqual(["C0123ABCDEF", "G0PRIVATE1"]);
  });

  it("refuses channel names, saying to use the id and where to find it", () => {
    expect(() =>
      loadConfig({ ...slack, TOTD_SLACK_CHANNELS: "#general,C0123ABCDEF,random" }, false),
    ).toThrow(
      [
        "invalid configuration:",
        '  - TOTD_SLACK_CHANNELS: "#general" is not a channel id; use the id (like C0123ABCDEF), not the name. In Slack, open the channel, click its name at the top: the id is at the bottom of the About tab',
        '  - TOTD_SLACK_CHANNELS: "random" is not a channel id; use the id (like C0123ABCDEF), not the name. In Slack, open the channel, click its name at the top: the id is at the bottom of the About tab',
      ].join("\n"),
    );
  });
});

describe("public pages", () => {
  it("are off without PUBLIC_URL", () => {
    expect(loadConfig({}, false).web).toBeNull();
  });

  it("listen on PUBLIC_URL's port, else WEB_PORT's, else 8080; on HOST unless WEB_HOST", () => {
    expect(loadConfig({ PUBLIC_URL: "http://127.0.0.1:8090/" }, false).web).toEqual({
      publicUrl: "http://127.0.0.1:8090",
      host: "127.0.0.1",
      port: 8090,
      trustProxy: false,
      talkPageBytes: 64 * 2 ** 20,
    });
    const proxied = loadConfig(
      { PUBLIC_URL: "https://example.org/virt/", WEB_HOST: "0.0.0.0", WEB_TRUST_PROXY: "true" },
      false,
    ).web;
    expect(proxied).toEqual({
      publicUrl: "https://example.org/virt",
      host: "0.0.0.0",
      port: 8080,
      trustProxy: true,
      talkPageBytes: 64 * 2 ** 20,
    });
    expect(
      loadConfig({ PUBLIC_URL: "https://example.org", WEB_PORT: "9000" }, false).web?.port,
    ).toBe(9000);
  });

  it("bound the talk pages prepared ahead by WEB_TALK_PAGES_MB (64 by default)", () => {
    const web = (mb: string) =>
      loadConfig({ PUBLIC_URL: "https://example.org", WEB_TALK_PAGES_MB: mb }, false).web;
    expect(web("256")?.talkPageBytes).toBe(256 * 2 ** 20);
    expect(web("")?.talkPageBytes).toBe(64 * 2 ** 20);
    expect(() => web("0")).toThrow(/WEB_TALK_PAGES_MB/);
    expect(() => web("lots")).toThrow(/WEB_TALK_PAGES_MB/);
  });

  it("refuses a non-http(s) PUBLIC_URL and the operator server's port", () => {
    expect(() => loadConfig({ PUBLIC_URL: "javascript:alert(1)" }, false)).toThrow(/PUBLIC_URL/);
    expect(() => loadConfig({ PUBLIC_URL: "http://127.0.0.1:3000" }, false)).toThrow(
      /WEB_PORT: the public pages need a port of their own, not PORT \(3000/,
    );
  });
});

describe("DATABASE_URL", () => {
  it("keeps the file store without it", () => {
    expect(loadConfig({}, false).database).toBeNull();
  });

  it("switches the state store to PostgreSQL, with the schema and pool bound", () => {
    const url = "postgres://bot:pw@db.example.org:5432/virt";
    expect(loadConfig({ DATABASE_URL: url, DATABASE_POOL_MAX: "3" }, false).database).toEqual({
      url,
      schema: "virt_talks",
      poolMax: 3,
    });
  });

  it("refuses what is not a PostgreSQL URL or SQL name, without echoing the value", () => {
    expect(() =>
      loadConfig({ DATABASE_URL: "mysql://u:secret@h/db", DATABASE_SCHEMA: "Bad-Name" }, false),
    ).toThrow(
      "invalid configuration:\n  - DATABASE_URL: must be a postgres:// or postgresql:// URL\n  - DATABASE_SCHEMA: must be a lower-case SQL name, e.g. virt_talks",
    );
  });
});
