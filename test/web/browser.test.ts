// The public pages in a real browser: Debian's Chromium driven by playwright-core (never a
// downloaded browser). Search "numa" from /, open the first talk, follow a speaker link,
// page through results, open a 404; axe-core in each page type, light and dark: no
// violations; screenshots of the search and talk pages at 375 and 1280 px, light and dark,
// in artifacts/web/ (git-ignored). Skipped with one line when Chromium is not installed,
// except under CI=true, where a missing browser fails the run.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOSTILE, startWeb, type WebHarness } from "./support.ts";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const ARTIFACTS = join(import.meta.dirname, "../../artifacts/web");
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const installed = existsSync(CHROMIUM);
const required = process.env.CI === "true";

if (!installed && !required)
  console.log(`browser tests skipped: ${CHROMIUM} is not installed (apt-get install chromium)`);

describe("Chromium is there when CI requires the browser tests", () => {
  it.runIf(required)("finds the browser", () => {
    expect(existsSync(CHROMIUM), `${CHROMIUM} (CI=true requires the browser tests)`).toBe(true);
  });
});

describe.runIf(installed)("the public pages in Chromium", () => {
  let web: WebHarness;
  let context: BrowserContext;
  let page: Page;
  let profile: string;

  beforeAll(async () => {
    web = await startWeb({ rateLimit: { burst: 10_000, perSecond: 10_000 } });
    profile = mkdtempSync(join(tmpdir(), "virt-talks-chromium-"));
    mkdirSync(ARTIFACTS, { recursive: true });
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: FLAGS,
      viewport: { width: 1280, height: 900 },
      // Only 127.0.0.1: anything else the pages asked for would fail here.
      offline: false,
    });
    await context.route(/^(?!http:\/\/127\.0\.0\.1:)/, (route) => route.abort());
    page = context.pages()[0] ?? (await context.newPage());
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await web?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  /** axe-core in the page, in both colour schemes: the rules it breaks. */
  async function violations(): Promise<string[]> {
    const found: string[] = [];
    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme });
      // Evaluated through the DevTools protocol, not a <script>: the pages' CSP allows none.
      await page.evaluate(AXE);
      const result = await page.evaluate(async () => {
        const axe = (
          globalThis as unknown as {
            axe: { run(): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> };
          }
        ).axe;
        return (await axe.run()).violations.map(
          (v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`,
        );
      });
      found.push(...result.map((r) => `${colorScheme} ${r}`));
    }
    await page.emulateMedia({ colorScheme: "light" });
    return found;
  }

  async function screenshots(name: string): Promise<void> {
    for (const width of [375, 1280]) {
      for (const colorScheme of ["light", "dark"] as const) {
        await page.setViewportSize({ width, height: 900 });
        await page.emulateMedia({ colorScheme });
        await page.screenshot({
          path: join(ARTIFACTS, `${name}-${width}-${colorScheme}.png`),
          fullPage: true,
        });
      }
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.emulateMedia({ colorScheme: "light" });
  }

  it("searches, opens a talk, follows a speaker, pages and meets a 404, all accessible", async () => {
    await page.goto(`${web.base}/`);
    expect(await violations()).toEqual([]);
    await page.getByLabel("Search talks").fill("numa");
    await page.getByRole("button", { name: "Search" }).click();
    await page.waitForURL(/\?q=numa$/);
    expect(await page.locator("h1").textContent()).toBe("Talks matching “numa”");
    expect(await violations()).toEqual([]);
    await screenshots("search");

    const first = page.locator("main ol.talks h2 a").first();
    const title = await first.textContent();
    await first.click();
    await page.waitForURL(/\/talks\//);
    expect(await page.locator("h1").textContent()).toBe(title);
    expect(await violations()).toEqual([]);
    await screenshots("talk");

    const speaker = page.locator("main dd a[href^='/speakers/']").first();
    const name = await speaker.textContent();
    await speaker.click();
    await page.waitForURL(/\/speakers\//);
    expect(await page.locator("h1").textContent()).toBe(`Talks by ${name}`);
    expect(await violations()).toEqual([]);

    await page.goto(`${web.base}/?q=xen`);
    await page.getByRole("link", { name: "Next" }).click();
    await page.waitForURL(/page=2/);
    expect(await page.locator("main > p.muted").textContent()).toMatch(/^Showing 11–20 of \d+\.$/);
    await page.getByRole("link", { name: "Previous" }).click();
    await page.waitForURL(/\?q=xen$/);

    const missing = await page.goto(`${web.base}/talks/no-such-talk`);
    expect(missing?.status()).toBe(404);
    expect(await page.locator("h1").textContent()).toBe("Not found");
    expect(await violations()).toEqual([]);
  }, 90_000);

  it("the other page types are accessible too, hostile text included, and run no script", async () => {
    const scripts: string[] = [];
    page.on("console", (m) => scripts.push(m.text()));
    for (const path of [
      "/today",
      "/new",
      "/topics/numa",
      "/events/kvm-forum-2011",
      "/?q=kubernetes",
      `/talks/${HOSTILE.id}`,
    ]) {
      await page.goto(web.base + path);
      expect([path, await violations()]).toEqual([path, []]);
    }
    // The hostile title's <script> is text: nothing ran, and the markup shows as written.
    expect(scripts).toEqual([]);
    expect(await page.locator("h1").textContent()).toContain("<script>alert(1)</script>");
  }, 90_000);
});
