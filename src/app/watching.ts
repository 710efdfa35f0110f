// Watch alerts in a running bot (issue #20): the alerts need the adapters' post ports, the
// schedule sources start before the adapters, so a change that comes first waits here.
import type { Library } from "../core/library.ts";
import type { PostPlatform } from "../core/platform.ts";
import type { PostPort } from "../core/post-port.ts";
import type { StateStore } from "../core/state-store.ts";
import type { Talk } from "../core/talk.ts";
import type { Logger } from "../log.ts";
import { openWatchAlerts, type WatchAlerts } from "../watch/watch-alerts.ts";
import type { Watches } from "../watch/watches.ts";

/**
 * The watch alerts, opened once the adapters can post; a sync that changed the catalog
 * before then is remembered (its oldest catalog) and alerted when they open.
 */
export function createWatchAlertsHook(
  state: StateStore,
  watches: Promise<Watches>,
  library: Library,
  logger: Logger,
  /** The alerts' clock (the once-an-hour rule); tests move it. */
  clock?: () => number,
) {
  let alerts: WatchAlerts | null = null;
  let earliest: readonly Talk[] | null = null;
  return {
    open: async (ports: Partial<Record<PostPlatform, PostPort>>) => {
      const opened = await openWatchAlerts({
        state,
        watches: await watches,
        core: () => library.current(),
        ports,
        logger,
        ...(earliest ? { baseline: earliest } : {}),
        ...(clock ? { clock } : {}),
      });
      alerts = opened;
      await opened.flush();
      if (earliest) await opened.catalogChanged(earliest);
      earliest = null;
      return opened;
    },
    changed: async (before: readonly Talk[]) => {
      if (alerts) await alerts.catalogChanged(before);
      else earliest ??= before;
    },
  };
}
