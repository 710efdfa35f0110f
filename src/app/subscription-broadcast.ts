// Replicas: a subscription changed through one replica is announced to the others through
// PostgreSQL LISTEN/NOTIFY (src/persist/pg-notify.ts), on a channel of the deployment's
// own (its schema) beside the catalog reloads' (replica-reload.ts), over the same
// listening connection (pg-notify shares one per replica). The payload is the sender's
// id, so a replica does not re-read for its own change.
import { randomUUID } from "node:crypto";
import type { Logger } from "../log.ts";
import { createNotifier } from "../persist/pg-notify.ts";
import type { ChangeBroadcast } from "../totd/subscription-sync.ts";

/** PostgreSQL truncates identifiers longer than this; a channel is one. */
const MAX_IDENTIFIER = 63;

interface BroadcastOptions {
  readonly connectionString: string;
  /** The deployment's schema: replicas of another deployment on the server never hear it. */
  readonly schema: string;
  readonly logger: Logger;
}

export function subscriptionBroadcast(options: BroadcastOptions): ChangeBroadcast {
  const self = randomUUID();
  const notifier = createNotifier({
    connectionString: options.connectionString,
    channel: `virt_talks_subs_${options.schema}`.slice(0, MAX_IDENTIFIER),
    logger: options.logger,
  });
  return {
    announce: () => notifier.notify(self),
    listen: (heard) =>
      notifier.listen({
        message: (payload) => {
          if (payload !== self) heard("another replica changed a subscription");
        },
        gap: () => heard("reconnected to the database; a change may have been missed"),
      }),
    close: () => notifier.close(),
  };
}
