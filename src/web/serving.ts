// Which core the public pages answer from, and what they keep for it. The pages follow the
// library's core once its catalog's lists and related talks are built (catalog-index.ts):
// at start-up before listening, and after a reload in slices of a few ms (built at once
// they held the event loop ~0.2 s at 10,000 talks, and the chat bot answers from this
// process too). Until then the pages stay on the catalog before, whole, so no request
// waits for the build or blocks the loop with it. Once a core serves, its talk pages are
// prepared ahead (talk-page-store.ts), newest first, in slices too.
import { randomBytes } from "node:crypto";
import { LRUCache } from "lru-cache";
import type { Core } from "../core/answer.ts";
import type { Library } from "../core/library.ts";
import { runStepsInSlices, turn } from "../core/slices.ts";
import type { Talk } from "../core/talk.ts";
import type { Logger } from "../log.ts";
import { catalogIndex, catalogIndexInSlices, hasCatalogIndex } from "./catalog-index.ts";
import type { Prepared } from "./prepare.ts";
import { createTalkPageStore, fillSteps, type TalkPageStore } from "./talk-page-store.ts";

/** What the pages keep for one core (a reload brings a new core, and new ones). */
export interface CorePages {
  readonly core: Core;
  /**
   * The version that tags what depends only on the catalog (prepare.ts): this process's
   * own random id and the core's number, so a restart (with another catalog or other code)
   * never repeats one.
   */
  readonly version: string;
  /** Searches, lists and feeds once built, by day and address; bounded by bytes too (16 MB). */
  readonly cache: LRUCache<string, Prepared>;
  readonly talkPages: TalkPageStore;
}

export interface Serving {
  /** What the core in use keeps, after a look for a reloaded catalog. */
  current(): CorePages;
  /** Resolves, with their count, once the talk pages of the core in use are prepared. */
  prepared(): Promise<number>;
  stop(): void;
}

export interface ServingOptions {
  readonly library: Library;
  readonly log: Logger;
  /** The talk-page store's bound in bytes (TALK_PAGE_BYTES by default). */
  readonly talkPageBytes?: number;
  /** The page a request of `path` (a talk's) answers over `pages.core`. */
  readonly render: (pages: CorePages, path: string) => Prepared;
}

/** How often the pages look for a reloaded catalog when no request comes (ms). */
const FOLLOW_MS = 250;

export async function startServing(options: ServingOptions): Promise<Serving> {
  const { library, log, render } = options;
  const boot = randomBytes(6).toString("base64url");
  let cores = 0;
  const pagesOf = (core: Core): CorePages => ({
    core,
    version: `${boot}-${++cores}`,
    cache: new LRUCache({ max: 2_000, maxSize: 16 << 20, sizeCalculation: (p) => p.bytes + 512 }),
    talkPages: createTalkPageStore(options.talkPageBytes),
  });

  const first = library.current();
  await catalogIndexInSlices(first.catalog);
  let pages: CorePages;
  let building: Core | null = null;
  let filling = Promise.resolve(0);
  let stopped = false;
  /** The talk pages of `serving` prepared, after a turn (not in the request that swapped). */
  const fill = async (serving: CorePages): Promise<number> => {
    await turn();
    // One line for all the talks whose page failed: the same fault often fails them all.
    let failed = 0;
    let firstFailure: { talk: string; err: unknown } | undefined;
    const skip = (talk: Talk, err: unknown) => {
      failed++;
      firstFailure ??= { talk: talk.id, err };
    };
    try {
      const talks = catalogIndex(serving.core.catalog).newest;
      const page = (path: string) => render(serving, path);
      const inUse = () => pages === serving && !stopped;
      return await runStepsInSlices(fillSteps(serving.talkPages, talks, page, inUse, skip));
    } catch (err) {
      // Anything but a page (the lists, the store): the pages left are rendered on demand.
      log.error({ err }, "preparing the talk pages failed");
      return 0;
    } finally {
      if (firstFailure)
        log.error(
          { err: firstFailure.err, talk: firstFailure.talk, failed },
          "talk pages failed to render; they are rendered on demand",
        );
    }
  };
  const serve = (core: Core) => {
    pages = pagesOf(core);
    building = null;
    filling = fill(pages);
  };
  serve(first);

  const follow = () => {
    // After stop (requests still in the close's grace period) nothing new is built.
    if (stopped) return;
    const latest = library.current();
    if (latest === pages.core || latest === building) return;
    if (hasCatalogIndex(latest.catalog)) return serve(latest);
    building = latest;
    catalogIndexInSlices(latest.catalog)
      // Pages that need the lists then fail on their own (500); the rest are served.
      .catch((err: unknown) => log.error({ err }, "building the public pages' lists failed"))
      .then(() => {
        // A later reload may have overtaken this one: that core is followed instead.
        if (building === latest && !stopped) serve(latest);
      });
  };
  // Looked at on every request too; the timer notices a reload within FOLLOW_MS when no
  // request comes, so the lists are ready before the first visitor after it.
  const following = setInterval(follow, FOLLOW_MS);
  following.unref();
  return {
    current() {
      follow();
      return pages;
    },
    prepared: () => filling,
    stop() {
      stopped = true;
      clearInterval(following);
    },
  };
}
