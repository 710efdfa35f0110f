// openWatchAlerts over a real library whose catalog a sync replaces: a watch's query is run
// as a question on the new catalog, one message per watch an hour, and the timer sends
// what waited when the hour is up (fake timers: no real sleeps).
import { afterEach, describe, expect, it, vi } from "vitest";
import { loadCatalog } from "../../src/core/catalog.ts";
import { createLibrary } from "../../src/core/library.ts";
import type { PostPort } from "../../src/core/post-port.ts";
import type { Talk } from "../../src/core/talk.ts";
import type { WatchAlertMessage } from "../../src/watch/alert-message.ts";
import { openWatchAlerts } from "../../src/watch/watch-alerts.ts";
import { openWatches } from "../../src/watch/watches.ts";
import { talkWith } from "../support/talks.ts";
import { captureLogger } from "../support/totd-helpers.ts";
import { memoryStore } from "../support/totd-memory-store.ts";

const T0 = Date.parse("2026-11-29T09:00:00Z");
const base = loadCatalog();

afterEach(() => void vi.useRealTimers());

/** The platform's side of the post port: what reached each room. */
function recordingPort(): PostPort & { sent: { to: string; alert: WatchAlertMessage }[] } {
  const sent: { to: string; alert: WatchAlertMessage }[] = [];
  return {
    sent,
    capabilities: { resendsSafely: true, canFindPost: false },
    postCard: async () => {},
    postWatchAlert: async (to, alert) => void sent.push({ to, alert }),
  };
}

const newTalk = (id: string, title: string): Talk =>
  talkWith({ id, title, speakers: ["Erin Example"], event: "Example Conf 2026", year: 2026 });

describe("watch alerts after a sync", () => {
  it("alerts the watching room once, holds a second change for the hour, then sends it", async () => {
    vi.useFakeTimers({ now: T0 });
    const library = createLibrary({ catalog: base, timeZone: "UTC" });
    const state = memoryStore();
    const watches = await openWatches(state);
    const by = { byUser: "@ada:example.org", by: "Ada", at: new Date(T0).toISOString() };
    await watches.add("matrix", "!room:example.org", { ...by, query: "zanzibar" });
    await watches.add("matrix", "!other:example.org", { ...by, query: "numa" });
    const matrix = recordingPort();
    const { logger } = captureLogger();
    const alerts = await openWatchAlerts({
      state,
      watches,
      core: () => library.current(),
      ports: { matrix },
      logger,
    });

    const sync = async (...talks: Talk[]) => {
      const before = library.current().catalog.talks;
      library.replace({ ...library.current().catalog, talks: [...before, ...talks] });
      await alerts.catalogChanged(before);
    };
    await sync(newTalk("z1", "Zanzibar: a hypervisor for small islands"));
    expect(matrix.sent.map((s) => [s.to, s.alert.heading, s.alert.entries[0]?.card.title])).toEqual(
      [
        [
          "!room:example.org",
          "1 talk for your watch “zanzibar”",
          "Zanzibar: a hypervisor for small islands",
        ],
      ],
    );

    vi.setSystemTime(T0 + 10 * 60_000);
    await sync(newTalk("z2", "Zanzibar revisited"));
    expect(matrix.sent).toHaveLength(1);

    await vi.advanceTimersByTimeAsync(50 * 60_000);
    await vi.waitFor(() => expect(matrix.sent).toHaveLength(2));
    expect(matrix.sent[1]!.alert).toMatchObject({
      heading: "1 talk for your watch “zanzibar”",
      entries: [{ note: "New talk", card: { title: "Zanzibar revisited" } }],
      more: 0,
    });
    alerts.stop();
  });
});
