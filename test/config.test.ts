// .env.example documents every variable loadConfig reads, each with a comment, with the
// credentials left empty, and is itself a valid configuration (console mode).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EnvSchema, loadConfig } from "../src/config.ts";
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
