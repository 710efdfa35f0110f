// The public pages over HTTP: every route, GET and HEAD only, 404/405 pages, caching headers
// and 304s, the CSP, the per-address rate limit, and that no operator route is reachable.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STYLE_PATH, STYLESHEET } from "../../src/render/web/style.ts";
import { HOSTILE, startWeb, testLibrary, type WebHarness } from "./support.ts";

let web: WebHarness;
beforeAll(async () => {
  web = await startWeb();
});
afterAll(() => web.close());

const PAGES = [
  "/",
  "/?q=numa",
  "/?q=xen&page=2",
  "/talks/kvm-forum-2011-vfio",
  `/talks/${HOSTILE.id}`,
  "/speakers/alex-williamson",
  "/topics/numa",
  "/events/kvm-forum-2011",
  "/today",
  "/new",
  "/?q=kubernetes",
  "/?q=topics",
];

describe("pages", () => {
  it.each(PAGES)(
    "%s is a page of at most 30 kB (with its stylesheet), cacheable, without script",
    async (path) => {
      const res = await web.get(path);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(res.headers.get("cache-control")).toBe("public, max-age=300");
      expect(res.headers.get("etag")).toMatch(/^"[\w-]+"$/);
      expect(res.headers.get("content-security-policy")).toBe(
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
      );
      const html = await res.text();
      expect(Buffer.byteLength(html) + Buffer.byteLength(STYLESHEET)).toBeLessThanOrEqual(30_000);
      // Text never holds a raw < or >, so these can only match a real tag.
      expect(html).not.toMatch(/<script|<img|<[^<>]*\s(on\w+|style)=[^<>]*>|href="javascript:/i);
    },
  );

  it("pages a search ten talks at a time, counting every match", async () => {
    const first = await (await web.get("/?q=xen")).text();
    expect(first).toMatch(/Showing 1–10 of \d+\./);
    expect(first).toContain('href="/?q=xen&amp;page=2">Next');
    const second = await (await web.get("/?q=xen&page=2")).text();
    expect(second).toContain('<ol class="talks" start="11">');
    expect(second).toContain('href="/?q=xen">');
  });

  it("says a chat command is one instead of searching it, and shows help for ?", async () => {
    for (const q of ["more", "subscribe"]) {
      const html = await (await web.get(`/?q=${q}`)).text();
      expect(html).toContain(`<h1 dir="auto">“${q}” is a chat command</h1>`);
      expect(html).not.toContain("No talks found");
    }
    expect(await (await web.get("/?q=%3F")).text()).toContain("<h1>How to search</h1>");
  });

  it("shows where an imported talk came from, never linking a non-http(s) origin", async () => {
    const html = await (await web.get(`/talks/${HOSTILE.id}`)).text();
    expect(html).toContain(
      "<h2>Source</h2><p>Imported from javascript:alert(1) (frab-xml) on 2026-11-19.</p>",
    );
  });

  it("lists the talks added in the last 30 days, latest first", async () => {
    const html = await (await web.get("/new")).text();
    const ids = [...html.matchAll(/href="\/talks\/([^"]+)"/g)].map((m) => m[1]);
    expect(ids[0]).toBe(HOSTILE.id);
    expect(ids).toHaveLength(2);
  });

  it("serves the stylesheet for a year and answers 404 for anything else", async () => {
    const css = await web.get(STYLE_PATH);
    expect(css.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(await css.text()).toBe(STYLESHEET);
    for (const path of [
      "/talks/nope",
      "/talks/a/b",
      "/speakers/nobody",
      "/topics/nope",
      "/events/nope",
      "/events/nope.ics",
      "/new?page=9",
      "/%E0%A4%A",
      "/api/other",
    ]) {
      const res = await web.get(path);
      expect(res.status, path).toBe(404);
      expect(await res.text()).toContain("<h1>Not found</h1>");
    }
  });

  it("never exposes the operator routes", async () => {
    for (const path of ["/admin/reload", "/metrics", "/healthz", "/slack/events"]) {
      expect((await web.get(path)).status, path).toBe(404);
    }
  });
});

describe("HTTP", () => {
  it("answers other methods 405 with Allow, and HEAD without a body", async () => {
    for (const method of ["POST", "PUT", "DELETE", "OPTIONS"]) {
      const res = await web.get("/", { method, ...(method === "POST" ? { body: "x=1" } : {}) });
      expect(res.status, method).toBe(405);
      expect(res.headers.get("allow")).toBe("GET, HEAD");
    }
    const head = await web.get("/talks/kvm-forum-2011-vfio", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get("content-length"))).toBeGreaterThan(1000);
    expect(await head.text()).toBe("");
  });

  it("answers a talk page prepared ahead as it renders it, with a query or without", async () => {
    // Every talk: the 70 built in and the hostile one.
    expect(await web.server.talkPagesPrepared()).toBe(71);
    const path = "/talks/kvm-forum-2011-vfio";
    const kept = await web.get(path);
    const body = await kept.text();
    // Every header but the Date node adds to each answer.
    const headers = (res: Response) => [...res.headers].filter(([name]) => name !== "date");
    // With a query, or spelt otherwise (rendered on demand, not kept: talk-page-store.test.ts).
    for (const other of [`${path}?from=chat`, "/talks/%6bvm-forum-2011-vfio"]) {
      const res = await web.get(other);
      expect(await res.text(), other).toBe(body);
      expect(headers(res), other).toEqual(headers(kept));
    }
  });

  it("answers 304 to a matching If-None-Match", async () => {
    const first = await web.get("/talks/kvm-forum-2011-vfio");
    const etag = first.headers.get("etag")!;
    const again = await web.get("/talks/kvm-forum-2011-vfio", {
      headers: { "if-none-match": etag },
    });
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(etag);
    expect(await again.text()).toBe("");
  });

  it("tags a page that depends only on the catalog by its version, and a new catalog anew", async () => {
    const own = await startWeb();
    try {
      const path = "/talks/kvm-forum-2011-vfio";
      const etag = (await own.get(path)).headers.get("etag")!;
      expect((await own.get(path)).headers.get("etag")).toBe(etag);
      // The talk of the day depends on the date as well.
      expect((await own.get("/today")).headers.get("etag")).toBe(
        `${etag.slice(0, -1)}-2026-11-22"`,
      );
      own.library.replace(own.library.current().catalog);
      const after = await own.get(path, { headers: { "if-none-match": etag } });
      expect(after.status).toBe(200);
      expect(after.headers.get("etag")).toMatch(/^"[\w-]+"$/);
      expect(after.headers.get("etag")).not.toBe(etag);
    } finally {
      await own.close();
    }
  });

  it("after a reload, stays on the catalog before until the new one's lists are built", async () => {
    const own = await startWeb();
    try {
      const before = own.library.current().catalog;
      const added = { ...HOSTILE, id: "example-2026-added", title: "Added by a reload" };
      const talks = [...before.talks, added];
      own.library.replace({ ...before, talks, byId: new Map(talks.map((t) => [t.id, t])) });
      // The reload is noticed on this request (or by the follow timer just before it): until
      // the new lists are built in slices (catalogIndexInSlices), the catalog before answers
      // whole, so the added talk is not there yet (404) or already whole (200), never a 500.
      expect([404, 200]).toContain((await own.get(`/talks/${added.id}`)).status);
      expect((await own.get(`/talks/${before.talks[0]!.id}`)).status).toBe(200);
      // Each request gives the build more turns of the event loop; on a loaded machine one
      // round trip may come before the last slice, so ask until it has (a bounded number).
      let after = await own.get(`/talks/${added.id}`);
      for (let i = 0; i < 200 && after.status === 404; i++)
        after = await own.get(`/talks/${added.id}`);
      expect(after.status).toBe(200);
      expect(await after.text()).toContain("Added by a reload");
      expect((await own.get("/events/example-2026")).status).toBe(200);
    } finally {
      await own.close();
    }
  });

  it("tags a search by the catalog's version, and keeps no answer of the moment", async () => {
    let draws = 0;
    const own = await startWeb({ library: testLibrary(() => (draws++ % 2) / 2) });
    try {
      const talk = (await own.get("/talks/kvm-forum-2011-vfio")).headers.get("etag");
      const search = await own.get("/?q=numa");
      expect(search.headers.get("etag")).toBe(talk);
      expect(search.headers.get("cache-control")).toBe("public, max-age=300");
      // "random" is asked twice and draws twice: neither answer was kept.
      const first = await own.get("/?q=random");
      const second = await own.get("/?q=random");
      expect(draws).toBe(2);
      expect(first.headers.get("cache-control")).toBe("public, max-age=60");
      expect(first.headers.get("etag")).not.toBe(talk);
      expect(await first.text()).not.toBe(await second.text());
    } finally {
      await own.close();
    }
  });

  it("limits each client address and says when to try again", async () => {
    const limited = await startWeb({ rateLimit: { burst: 3, perSecond: 0.001 } });
    try {
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await limited.get("/")).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      const res = await limited.get("/");
      expect(res.headers.get("retry-after")).toBe("5");
      expect(await res.text()).toContain("<h1>Too many requests</h1>");
    } finally {
      await limited.close();
    }
  });

  it("behind a proxy, limits by the last X-Forwarded-For address and keeps PUBLIC_URL's path", async () => {
    const proxied = await startWeb({
      trustProxy: true,
      publicUrl: "https://example.org/virt",
      rateLimit: { burst: 1, perSecond: 0.001 },
    });
    try {
      const as = (ip: string) => ({ headers: { "x-forwarded-for": `203.0.113.9, ${ip}` } });
      expect((await proxied.get("/virt/talks/kvm-forum-2011-vfio", as("192.0.2.1"))).status).toBe(
        200,
      );
      expect((await proxied.get("/talks/kvm-forum-2011-vfio", as("192.0.2.2"))).status).toBe(200);
      expect((await proxied.get("/virt/", as("192.0.2.1"))).status).toBe(429);
      const html = await (await proxied.get("/virt/?q=numa", as("192.0.2.3"))).text();
      expect(html).toContain('href="/virt/talks/');
    } finally {
      await proxied.close();
    }
  });
});
