// Reloading the catalogs: the reloader (good and bad catalogs, one error line naming file,
// record and field) and POST /admin/reload on the real operator server (token checks).
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createCatalogReloader } from "../../src/app/reload.ts";
import { ConfigError, loadConfig } from "../../src/config.ts";
import { loadCatalog, loadCatalogInSlices } from "../../src/core/catalog.ts";
import { createLibrary } from "../../src/core/library.ts";
import { sameToken } from "../../src/http/admin.ts";
import { healthReport } from "../../src/http/health.ts";
import { createMetrics } from "../../src/http/metrics.ts";
import { type OperatorServer, startOperatorServer } from "../../src/http/server.ts";
import { fixture, importInto, tempDir } from "../support/import-helpers.ts";
import { captureLogger } from "../support/totd-helpers.ts";
import { turnsDuring } from "../support/turns.ts";

const TOKEN = "admin-token-for-tests-0123456789";

async function setUp(dir = tempDir()) {
  const { logger, lines } = captureLogger([TOKEN]);
  const library = createLibrary({ catalog: loadCatalog(undefined, [dir]), timeZone: "UTC" });
  const metrics = createMetrics({ platforms: ["slack"], postPlatforms: [] });
  const reloader = createCatalogReloader({
    load: () => loadCatalog(undefined, [dir]),
    library,
    metrics,
    logger,
  });
  return { dir, lines, library, metrics, reloader, logger };
}

describe("catalog reload", () => {
  it("a good reload puts newly imported talks in use", async () => {
    const { dir, library, metrics, reloader, lines } = await setUp();
    const before = library.current().catalog.talks.length;
    await importInto(dir, [fixture("kvm-forum-2026.json")]);
    const outcome = reloader.reload("SIGHUP");
    expect(outcome).toMatchObject({ ok: true, talks: before + 3 });
    expect(
      library.current().catalog.byId.has("kvm-forum-2026-4101-guest-memfd-and-huge-pages"),
    ).toBe(true);
    expect(await metrics.render()).toContain(`\nvirt_talks_catalog_talks ${before + 3}\n`);
    expect(lines.filter((l) => l.msg === "catalog reloaded")).toHaveLength(1);
  });

  it("a bad reload keeps the catalog in use and logs one error naming file, record, field", async () => {
    const { dir, library, reloader, lines } = await setUp();
    await importInto(dir, [fixture("kvm-forum-2026.json")]);
    reloader.reload("SIGHUP");
    const inUse = library.current();
    copyFileSync(fixture("kvm-forum-2014.ics"), join(dir, "zz-not-json.json"));
    const broken = JSON.parse(readFileSync(join(dir, "kvm-forum-2026.json"), "utf8"));
    broken.talks[1].topics = ["not-a-topic"];
    writeFileSync(join(dir, "kvm-forum-2026.json"), JSON.stringify(broken));
    const outcome = reloader.reload("admin");
    expect(outcome.ok).toBe(false);
    expect(library.current()).toBe(inUse);
    const errors = lines.filter((l) => l.level >= 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      reason: "admin",
      file: `${dir}/kvm-forum-2026.json`,
      record: "talks[1] (kvm-forum-2026-4102-post-copy-migration-for-vfio-devices)",
      field: "topics.0",
    });
    expect(String(errors[0]!.msg)).toMatch(/^catalog reload failed, keeping the catalog in use: /);
  });
});

describe("catalog reload in slices", () => {
  it("coalesces: 20 reloads asked at once run at most two loads, all answered", async () => {
    const { dir, library, metrics, logger } = await setUp();
    await importInto(dir, [fixture("kvm-forum-2026.json")]);
    let loads = 0;
    const reloader = createCatalogReloader({
      load: () => loadCatalog(undefined, [dir]),
      loadInSlices: () => {
        loads++;
        return loadCatalogInSlices(undefined, [dir]);
      },
      library,
      metrics,
      logger,
    });
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () => reloader.reloadInSlices("SIGHUP")),
    );
    expect(loads).toBe(2);
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(
      library.current().catalog.byId.has("kvm-forum-2026-4101-guest-memfd-and-huge-pages"),
    ).toBe(true);
  });

  it("gives the event loop turns while it loads", async () => {
    const { dir } = await setUp();
    await importInto(dir, [fixture("kvm-forum-2026.json"), fixture("fosdem-2026.xml")]);
    // Slices of 0 ms: a turn after every step, however fast this machine is today.
    const { value: catalog, turns } = await turnsDuring(() =>
      loadCatalogInSlices(undefined, [dir], {}, 0),
    );
    expect(catalog.talks.length).toBe(loadCatalog(undefined, [dir]).talks.length);
    expect(turns).toBeGreaterThanOrEqual(2);
  });

  it("a file left out at start-up does not stop a reload; a newly bad one does", async () => {
    const dir = tempDir();
    await importInto(dir, [fixture("kvm-forum-2026.json")]);
    writeFileSync(join(dir, "broken.json"), "{");
    const { library, reloader, lines } = await setUp(dir);
    const catalog = library.current().catalog;
    expect(catalog.problems.map((p) => p.file)).toEqual([`${dir}/broken.json`]);
    expect(reloader.reload("SIGHUP")).toMatchObject({ ok: true });
    expect(
      lines.filter((l) => l.msg === `catalog file left out: ${catalog.problems[0]!.message}`),
    ).toHaveLength(1);
    const kvm = JSON.parse(readFileSync(join(dir, "kvm-forum-2026.json"), "utf8"));
    kvm.talks[0].links[0].url = "javascript:alert(1)";
    writeFileSync(join(dir, "kvm-forum-2026.json"), JSON.stringify(kvm));
    expect(reloader.reload("SIGHUP")).toMatchObject({ ok: false });
    expect(library.current().catalog.talks.length).toBe(catalog.talks.length);
  });
});

const servers: OperatorServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function serve(admin: boolean) {
  const { logger, lines } = captureLogger([TOKEN]);
  let reloads = 0;
  const server = await startOperatorServer({
    host: "127.0.0.1",
    port: 0,
    logger,
    health: () => healthReport({ adapters: () => ({}), catalogTalks: () => 70, totd: () => null }),
    metrics: async () => "",
    ...(admin
      ? {
          admin: {
            token: TOKEN,
            reload: async () => {
              reloads++;
              return { ok: true as const, talks: 73, ms: 5 };
            },
          },
        }
      : {}),
  });
  servers.push(server);
  return { port: server.address.port, reloads: () => reloads, lines };
}

function call(port: number, method: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port, path: "/admin/reload", method, headers },
      (res) => {
        let body = "";
        res.setEncoding("utf8").on("data", (d: string) => {
          body += d;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

describe("POST /admin/reload", () => {
  it("is off (404) without ADMIN_TOKEN", async () => {
    const { port } = await serve(false);
    expect((await call(port, "POST", { authorization: `Bearer ${TOKEN}` })).status).toBe(404);
  });

  it("refuses a missing or wrong token (401) and GET (405), without reloading", async () => {
    const { port, reloads, lines } = await serve(true);
    expect((await call(port, "POST")).status).toBe(401);
    expect((await call(port, "POST", { authorization: "Bearer wrong" })).status).toBe(401);
    expect((await call(port, "POST", { authorization: TOKEN })).status).toBe(401);
    expect((await call(port, "GET", { authorization: `Bearer ${TOKEN}` })).status).toBe(405);
    expect(reloads()).toBe(0);
    expect(JSON.stringify(lines)).not.toContain(TOKEN);
  });

  it("reloads with the right bearer token", async () => {
    const { port, reloads } = await serve(true);
    const r = await call(port, "POST", { authorization: `Bearer ${TOKEN}` });
    expect([r.status, JSON.parse(r.body)]).toEqual([200, { ok: true, talks: 73, ms: 5 }]);
    expect(reloads()).toBe(1);
  });

  it("compares tokens in constant time over equal-length digests", () => {
    expect(sameToken(TOKEN, TOKEN)).toBe(true);
    expect(sameToken("", TOKEN)).toBe(false);
    expect(sameToken(`${TOKEN}x`, TOKEN)).toBe(false);
  });
});

describe("settings", () => {
  it("CATALOG_DIRS is a comma-separated list; ADMIN_TOKEN must be long enough", () => {
    const config = loadConfig(
      { CATALOG_DIRS: " ./catalog , /srv/talks ,", ADMIN_TOKEN: TOKEN },
      false,
    );
    expect([config.catalogDirs, config.adminToken]).toEqual([["./catalog", "/srv/talks"], TOKEN]);
    expect(loadConfig({}, false).adminToken).toBeUndefined();
    expect(() => loadConfig({ ADMIN_TOKEN: "short" }, false)).toThrow(ConfigError);
    expect(() => loadConfig({ ADMIN_TOKEN: "short" }, false)).toThrow(
      /ADMIN_TOKEN: must be at least 16/,
    );
  });
});
