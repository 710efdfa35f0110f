// Which core the public pages answer from (serving.ts): a reload swaps to the new catalog
// once its lists are built, with a store of talk pages of its own, so a changed talk's page
// from the catalog before is never served after the swap; its pages are then prepared ahead.
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/log.ts";
import { STYLE_PATH } from "../../src/render/web/style.ts";
import { respond } from "../../src/web/pages.ts";
import { prepare } from "../../src/web/prepare.ts";
import { type CorePages, type Serving, startServing } from "../../src/web/serving.ts";
import { keptAt } from "../../src/web/talk-page-store.ts";
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

let serving: Serving | undefined;
afterEach(() => serving?.stop());

describe("serving", () => {
  it("prepares the talk pages, and after a reload serves only the new catalog's", async () => {
    const library = testLibrary();
    const before = library.current().catalog;
    serving = await startServing({
      library,
      log: createLogger({ level: "silent", pretty: false }),
      render,
    });
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
    // Until the new lists are built, the catalog before answers whole; then the new one.
    let now = serving.current();
    for (let i = 0; i < 1_000 && now.core !== library.current(); i++) {
      expect(now).toBe(first);
      await new Promise((resolve) => setImmediate(resolve));
      now = serving.current();
    }
    expect(now.core).toBe(library.current());
    expect(now.talkPages).not.toBe(first.talkPages);
    expect(now.version).not.toBe(first.version);
    // Before its turn a page is not there (rendered on demand); then it is the new one.
    const early = keptAt(now.talkPages, path);
    if (early) expect(early.body.toString()).toContain("Retitled by a reload");
    expect(await serving.prepared()).toBe(talks.length);
    const kept = keptAt(now.talkPages, path)!;
    expect(kept.body.toString()).toContain("Retitled by a reload");
    expect(kept.body.toString()).not.toContain(changed.title);
    expect(kept.body.equals(Buffer.from(render(now, path).body))).toBe(true);
    expect(kept.etag).toBe(`"${now.version}"`);
  });
});
