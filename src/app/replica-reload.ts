// POST /admin/reload on one replica reloads all of them, and so does a schedule sources'
// sync that changed the catalog (only one replica syncs; the files it wrote are in the
// catalog folder the replicas share): the replica that was asked
// reloads (and answers with its own outcome), then tells the others through PostgreSQL
// LISTEN/NOTIFY (src/persist/pg-notify.ts), each of which reloads from its own files. A
// listener that lost its connection reloads once it is back, since a message sent while
// it was away is gone. Each replica's /healthz names the catalog version it serves, so an
// operator sees when they all agree.
import { randomUUID } from "node:crypto";
import type { Logger } from "../log.ts";
import { createNotifier } from "../persist/pg-notify.ts";
import type { CatalogReloader } from "./reload.ts";

/** PostgreSQL truncates identifiers longer than this; a channel is one. */
const MAX_IDENTIFIER = 63;

export interface BroadcastReloads {
  /** The reloader whose admin reloads reach every replica. */
  readonly reloader: CatalogReloader;
  /** Resolves once this replica listens. */
  readonly listening: Promise<void>;
  close(): Promise<void>;
}

interface BroadcastOptions {
  readonly connectionString: string;
  /** The deployment's schema: replicas of another deployment on the server never hear it. */
  readonly schema: string;
  readonly logger: Logger;
}

export function broadcastReloads(
  inner: CatalogReloader,
  options: BroadcastOptions,
): BroadcastReloads {
  const log = options.logger.child({ component: "replica-reload" });
  const self = randomUUID();
  const notifier = createNotifier({
    connectionString: options.connectionString,
    channel: `virt_talks_reload_${options.schema}`.slice(0, MAX_IDENTIFIER),
    logger: options.logger,
  });
  const reloadHere = (why: string) => {
    log.info({ why }, "reloading the catalog for another replica");
    void inner.reloadInSlices("replica");
  };
  const listening = notifier
    .listen({
      message: (payload) => {
        if (payload !== self) reloadHere("another replica reloaded (admin or a source's sync)");
      },
      gap: () => reloadHere("reconnected to the database; a reload may have been missed"),
    })
    .catch((err: unknown) =>
      // Reloads on this replica still work; only the others' do not reach it.
      log.error({ err: (err as Error).message }, "cannot listen for other replicas' reloads"),
    );
  return {
    listening,
    reloader: {
      reload: (reason) => inner.reload(reason),
      async reloadInSlices(reason) {
        const outcome = await inner.reloadInSlices(reason);
        if ((reason === "admin" || reason === "sources") && outcome.ok)
          await notifier
            .notify(self)
            .catch((err: unknown) =>
              log.error(
                { err: (err as Error).message },
                "reloaded here, but cannot tell the other replicas",
              ),
            );
        return outcome;
      },
    },
    close: () => notifier.close(),
  };
}
