// Talk pages prepared ahead (talk-page-store.ts): each the very bytes and headers a request
// renders on demand, found by the path a request names, never for a path URL parsing
// would change, and within the store's bound (the rest rendered on demand then).
import { describe, expect, it } from "vitest";
import type { Core } from "../../src/core/answer.ts";
import { createLibrary } from "../../src/core/library.ts";
import { runSteps } from "../../src/core/slices.ts";
import type { Talk } from "../../src/core/talk.ts";
import { paths } from "../../src/render/web/paths.ts";
import { STYLE_PATH } from "../../src/render/web/style.ts";
import { catalogIndex } from "../../src/web/catalog-index.ts";
import { respond } from "../../src/web/pages.ts";
import { prepare } from "../../src/web/prepare.ts";
import {
  createTalkPageStore,
  ENTRY_BYTES,
  fillSteps,
  keepPage,
  keptAt,
  type TalkPageStore,
} from "../../src/web/talk-page-store.ts";
import { catalogOf, confTalk } from "../support/talks.ts";
import { HOSTILE, TODAY } from "./support.ts";

const talks = [
  confTalk("a", 2021, { speakers: ["Ada Example"], topics: ["numa"] }),
  confTalk("b", 2020, { speakers: ["Ada Example"], topics: ["numa", "kvm"] }),
  // An id that needs encoding in its path, and one whose path URL parsing changes.
  confTalk("ü b/c?", 2019, { topics: ["kvm"] }),
  confTalk("..", 2018),
  HOSTILE,
];
const core: Core = createLibrary({ catalog: catalogOf(talks), timeZone: "UTC" }).current();

/** What a request of `path` answers on demand (src/web/server.ts). */
const onDemand = (path: string) =>
  prepare(
    respond(
      {
        core,
        publicUrl: "https://talks.example.org",
        site: { base: "", style: STYLE_PATH },
        today: TODAY,
      },
      path,
      new URLSearchParams(),
    ),
    "v-1",
    TODAY,
  );

const newest = catalogIndex(core.catalog).newest;

const noFailure = (talk: Talk, err: unknown) => {
  throw new Error(`${talk.id} failed: ${err}`);
};

const fill = (store: TalkPageStore) =>
  runSteps(fillSteps(store, newest, onDemand, () => true, noFailure));

describe("talk pages prepared ahead", () => {
  it("are the bytes and headers a request renders, found by the path a request names", () => {
    const store = createTalkPageStore();
    expect(fill(store)).toBe(4);
    for (const talk of talks.filter((t) => t.id !== "..")) {
      const path = paths.talk(talk.id);
      const kept = keptAt(store, path)!;
      const rendered = onDemand(path);
      expect(kept.body.equals(Buffer.from(rendered.body, "utf8")), path).toBe(true);
      expect(kept.headers).toEqual(rendered.headers);
      expect([kept.status, kept.etag, kept.keep]).toEqual([200, '"v-1"', "talk-pages"]);
      expect(kept.headers["content-length"]).toBe(kept.body.length);
    }
    expect(keptAt(store, "/talks/%C3%BC%20b%2Fc%3F")?.body.toString()).toContain("Talk ü b/c?");
    // Not prepared: a target with a query (the server parses it), nor "/talks/.." (which
    // parses as "/", the search page).
    expect(keptAt(store, "/talks/a?x=1")).toBeUndefined();
    expect(keptAt(store, "/talks/..")).toBeUndefined();
    expect(store.size).toBe(4);
  });

  it("stop at the bound, newest first; a page rendered on demand replaces the last one", () => {
    const [first, second, third] = catalogIndex(core.catalog).newest.map((t) => paths.talk(t.id));
    const size = (path: string) => onDemand(path).bytes + ENTRY_BYTES;
    // Room for the two newest pages, and for the third in place of the second, not for all three.
    const store = createTalkPageStore(size(first!) + Math.max(size(second!), size(third!)));
    expect(fill(store)).toBe(2);
    expect(store.calculatedSize).toBeLessThanOrEqual(store.maxSize);
    // Most recently used first: the newest.
    expect([...store.keys()]).toEqual([first, second]);
    const page = keepPage(store, third!, onDemand(third!));
    expect(page.body.equals(Buffer.from(onDemand(third!).body))).toBe(true);
    expect([...store.keys()]).toEqual([third, first]);
    // Not kept: a path URL parsing would change.
    keepPage(store, "/talks/..", onDemand("/talks/.."));
    expect(store.has("/talks/..")).toBe(false);
  });

  it("keep a page rendered on demand only under its talk's own address", () => {
    const [first, second] = newest.map((t) => paths.talk(t.id));
    const size = (path: string) => onDemand(path).bytes + ENTRY_BYTES;
    const store = createTalkPageStore(size(first!) + size(second!));
    expect(fill(store)).toBe(2);
    // Other spellings of "/talks/a" and of "/talks/%C3%BC%20b%2Fc%3F" (id "ü b/c?"), each
    // decoded to the same talk: its page is answered, and nothing prepared is pushed out.
    for (const [alias, own] of [
      ["/talks/%61", "/talks/a"],
      ["/%74alks/a", "/talks/a"],
      ["/talks/%c3%bc%20b%2fc%3f", "/talks/%C3%BC%20b%2Fc%3F"],
    ] as const) {
      const page = keepPage(store, alias, onDemand(alias));
      expect(page.body.equals(Buffer.from(onDemand(own).body)), alias).toBe(true);
      expect(page.talkPath).toBe(own);
    }
    expect([...store.keys()]).toEqual([first, second]);
  });

  it("leave out a talk whose page throws, and prepare the rest", () => {
    const store = createTalkPageStore();
    const failed: string[] = [];
    const page = (path: string) => {
      if (path === "/talks/b") throw new Error("render broke");
      return onDemand(path);
    };
    const steps = fillSteps(
      store,
      newest,
      page,
      () => true,
      (talk, err) => {
        failed.push(`${talk.id}: ${(err as Error).message}`);
      },
    );
    expect(runSteps(steps)).toBe(3);
    expect(failed).toEqual(["b: render broke"]);
    // Most recently used first: the newest.
    expect([...store.keys()]).toEqual([HOSTILE.id, "a", "ü b/c?"].map((id) => paths.talk(id)));
  });

  it("stop when another core is in use, and leave the store as it is", () => {
    const store = createTalkPageStore();
    let current = true;
    const steps = fillSteps(store, newest, onDemand, () => current, noFailure);
    steps.next();
    steps.next();
    current = false;
    // Done at once: the pages are not put in order (least recently used first would be
    // the newest).
    expect(steps.next()).toEqual({ done: true, value: 2 });
    expect([...store.keys()]).toEqual([newest[1], newest[0]].map((t) => paths.talk(t!.id)));
  });
});
