// The public pages under test, for real: the web server on 127.0.0.1 over the real catalog,
// with two talks marked as added lately and one hostile imported talk, on a fixed day.
import type { Catalog } from "../../src/core/catalog.ts";
import { loadCatalog } from "../../src/core/catalog.ts";
import { createLibrary, type Library } from "../../src/core/library.ts";
import type { Talk } from "../../src/core/talk.ts";
import { createLogger } from "../../src/log.ts";
import { startWebServer, type WebServer, type WebServerOptions } from "../../src/web/server.ts";

export const TODAY = "2026-11-22";
const NOW = Date.parse(`${TODAY}T12:00:00Z`);

/** An imported talk as a schedule might carry it: markup, bidi overrides, a script URL. */
export const HOSTILE: Talk = {
  id: "example-2026-hostile",
  title: "\u202Egnp.exe\u202C <script>alert(1)</script> Memory tiering",
  speakers: ['<img src=x onerror="alert(1)">'],
  authors: [],
  event: "Example Conf 2026",
  eventShort: "Example",
  eventId: "example-2026",
  year: 2026,
  date: "2026-09-03",
  location: null,
  added: "2026-11-20",
  summary: "Tiering guest memory <b>fast</b>.",
  keyPoints: [],
  topics: ["numa"],
  links: [
    { kind: "page", url: "https://example.org/talk?id=1&x=<y>" },
    // Only what the catalog schema would refuse: a renderer must still never link it.
    { kind: "video", url: "javascript:alert(1)" },
  ],
  source: {
    format: "frab-xml",
    origin: "javascript:alert(1)",
    key: "hostile-1",
    importedAt: "2026-11-19T08:00:00Z",
  },
};

function testCatalog(): Catalog {
  const real = loadCatalog();
  const talks = real.talks.map((t, i) =>
    i < 2 ? { ...t, added: i === 0 ? "2026-11-01" : "2026-10-01" } : t,
  );
  const all = [...talks, HOSTILE];
  return {
    talks: all,
    byId: new Map(all.map((t) => [t.id, t])),
    topics: real.topics,
    problems: [],
  };
}

/** `random`: the core's chance ("random"); Math.random when absent. */
export const testLibrary = (random?: () => number): Library =>
  createLibrary({
    catalog: testCatalog(),
    timeZone: "UTC",
    clock: () => new Date(NOW),
    ...(random ? { random } : {}),
  });

export interface WebHarness {
  readonly server: WebServer;
  readonly library: Library;
  readonly base: string;
  get(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export async function startWeb(
  options: Partial<WebServerOptions> & { library?: Library } = {},
): Promise<WebHarness> {
  const library = options.library ?? testLibrary();
  const server = await startWebServer({
    host: "127.0.0.1",
    port: 0,
    logger: createLogger({ level: "silent", pretty: false }),
    publicUrl: "https://talks.example.org",
    timeZone: "UTC",
    clock: () => NOW,
    ...options,
    library,
  });
  const base = `http://127.0.0.1:${server.address.port}`;
  return {
    server,
    library,
    base,
    get: (path, init) => fetch(base + path, init),
    close: () => server.close(100),
  };
}
