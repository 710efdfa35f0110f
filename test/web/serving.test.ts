// Which core the public pages answer from (serving.ts): a reload swaps to the new catalog
// once its lists are built, with a store of talk pages of its own, so a changed talk's page
// from the catalog before is never served after the swap; its pages are then prepared ahead.
import { afterEach, describe, expect, it } from "vitest";
import type { Library } from "../../src/core/library.ts";
import { turn } from "../../src/core/slices.ts";
import { createLogger } from "../../src/log.ts";
import { paths } from "../../src/render/web/paths.ts";
import { STYLE_PATH } from "../../src/render/web/style.ts";
import { catalogIndex, hasCatalogIndex } from "../../src/web/catalog-index.ts";
import { respond } from "../../src/web/pages.ts";
import { prepare } from "../../src/web/prepare.ts";
import { type CorePages, type Serving, startServing } from "../../src/web/serving.ts";
import { ENTRY_BYTES, keptAt } from "../../src/web/talk-page-store.ts";
import { TODAY, testLibrary } from "./support.ts";

/** What the server renders for `path` over `pages` (src/web/server.ts). */
const render = (pages: CorePages, path: string) =>
  prepare(
    respond(
      {
        core: pages.core,
        publicUrl: "https://talks.example.org",
        site: { base: "", style: STYLE_PATH },
        today: TODAY,
      },
      path,
      new URLSearchParams(),
    ),
    pages.version,
    TODAY,
  );

const silent = createLogger({ level: "silent", pretty: false });

/**
 * The pages once they follow the library's reloaded core: until its lists are built, the
 * catalog before answers whole (`before`, when given).
 */
async function swapped(serving: Serving, library: Library, before?: CorePages) {
  let now = serving.current();
  for (let i = 0; i < 1_000 && now.core !== library.current(); i++) {
    if (before) expect(now).toBe(before);
    await turn();
    now = serving.current();
  }
  expect(now.core).toBe(library.current());
  return now;
}

let serving: Serving | undefined;
afterEach(() => serving?.stop());

describe("serving", () => {
  it("prepares the talk pages, and after a reload serves only the new catalog's", async () => {
    const library = testLibrary();
    const before = library.current().catalog;
    serving = await startServing({ library, log: silent, render });
    expect(await serving.prepared()).toBe(before.talks.length);
    const first = serving.current();
    // A title HTML shows as it is (nothing to escape).
    const changed = before.talks.find((t) => /^[\w ,.:-]+$/.test(t.title))!;
    const path = `/talks/${changed.id}`;
    expect(keptAt(first.talkPages, path)?.body.toString()).toContain(changed.title);

    const talks = before.talks.map((t) =>
      t === changed ? { ...t, title: "Retitled by a reload" } : t,
    );
    library.replace({ ...before, talks, byId: new Map(talks.map((t) => [t.id, t])) });
    const now = await swapped(serving, library, first);
    expect(now.talkPages).not.toBe(first.talkPages);
    expect(now.version).not.toBe(first.version);
    expect(await serving.prepared()).toBe(talks.length);
    const kept = keptAt(now.talkPages, path)!;
    expect(kept.body.toString()).toContain("Retitled by a reload");
    expect(kept.body.toString()).not.toContain(changed.title);
    expect(kept.body.equals(Buffer.from(render(now, path).body))).toBe(true);
    expect(kept.etag).toBe(`"${now.version}"`);
  });

  it("after a reload, keeps no page from the catalog before where the fill stopped", async () => {
    const library = testLibrary();
    const before = library.current().catalog;
    // Room for about a third of the 71 talk pages (~4.6 kB each with their entry).
    const bound = 120_000;
    serving = await startServing({ library, log: silent, render, talkPageBytes: bound });
    await serving.prepared();
    const oldest = catalogIndex(before).newest.at(-1)!;
    const talks = before.talks.map((t) => (t === oldest ? { ...t, title: "Retitled" } : t));
    library.replace({ ...before, talks, byId: new Map(talks.map((t) => [t.id, t])) });
    const now = await swapped(serving, library);
    const count = await serving.prepared();
    // As many of the newest as fit, each the new catalog's page; the oldest is not there.
    const sizes = catalogIndex(now.core.catalog).newest.map(
      (t) => render(now, paths.talk(t.id)).bytes + ENTRY_BYTES,
    );
    let fit = 0;
    for (let used = sizes[0]!; used <= bound; used += sizes[++fit]!);
    expect(count).toBe(fit);
    expect(now.talkPages.size).toBe(fit);
    expect(keptAt(now.talkPages, paths.talk(oldest.id))).toBeUndefined();
    for (const [path, page] of now.talkPages.entries())
      expect(page.body.equals(Buffer.from(render(now, path).body)), path).toBe(true);
  });

  it("prepares every other talk page when one fails, and says so once", async () => {
    const lines: string[] = [];
    const log = createLogger({
      level: "error",
      pretty: false,
      destination: { write: (line: string) => void lines.push(line) },
    });
    const library = testLibrary();
    const [, second, third] = catalogIndex(library.current().catalog).newest;
    const broken = new Set([second, third].map((t) => paths.talk(t!.id)));
    serving = await startServing({
      library,
      log,
      render: (pages, path) => {
        if (broken.has(path)) throw new Error("render broke");
        return render(pages, path);
      },
    });
    expect(await serving.prepared()).toBe(library.current().catalog.talks.length - 2);
    const pages = serving.current().talkPages;
    for (const path of broken) expect(keptAt(pages, path)).toBeUndefined();
    expect(lines.map((line) => JSON.parse(line))).toMatchObject([
      { talk: second!.id, failed: 2, err: { message: "render broke" } },
    ]);
  });

  it("starts nothing after stop: a reload then is not followed", async () => {
    const library = testLibrary();
    serving = await startServing({ library, log: silent, render });
    await serving.prepared();
    const first = serving.current();
    serving.stop();
    const before = library.current().catalog;
    library.replace({ ...before, talks: [...before.talks] });
    // A request in the close's grace period: the catalog before, and no lists built for the
    // new one (built in slices, they would be within these turns).
    for (let i = 0; i < 200; i++) {
      expect(serving.current()).toBe(first);
      await turn();
    }
    expect(hasCatalogIndex(library.current().catalog)).toBe(false);
  });
});
