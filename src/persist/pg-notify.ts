// Messages to every replica through PostgreSQL LISTEN/NOTIFY: `POST /admin/reload` on one
// replica reloads the catalog on all of them. A listener needs a session of its own, so it
// holds one connection outside the pool (behind a transaction-pooling proxy, LISTEN does
// not work: point DATABASE_URL at the server or a session-pooling proxy). When that
// connection drops, it reconnects with backoff and reports a gap, since a message sent
// while it was away is gone: a reload after a gap is the safe answer.
import pg from "pg";
import { type Backoff, backoffDelay, sleep } from "../core/retry.ts";
import type { Logger } from "../log.ts";
import { describeDatabase, pgErrorText } from "./pg-errors.ts";

interface NotifierOptions {
  readonly connectionString: string;
  /** One channel per deployment: e.g. "virt_talks_reload" + the schema. */
  readonly channel: string;
  readonly logger: Logger;
  readonly backoff?: Backoff;
}

interface ListenHandlers {
  readonly message: (payload: string) => void;
  /** The connection was lost and is back: messages may have been missed. */
  readonly gap?: () => void;
}

export interface Notifier {
  /** Sends `payload` to every replica listening, this one included. */
  notify(payload: string): Promise<void>;
  /** Listens until close(); resolves once the first LISTEN is in place. */
  listen(handlers: ListenHandlers): Promise<void>;
  close(): Promise<void>;
}

const BACKOFF: Backoff = { initialMs: 250, maxMs: 10_000 };

export function createNotifier(options: NotifierOptions): Notifier {
  const { connectionString, channel, logger } = options;
  const log = logger.child({ channel, database: describeDatabase(connectionString) });
  const stopped = new AbortController();
  let sender: pg.Client | null = null;
  let listener: pg.Client | null = null;

  async function connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString, application_name: "virt-talks" });
    client.on("error", (err) => log.warn({ err: pgErrorText(err) }, "notify connection error"));
    await client.connect();
    return client;
  }

  async function listenOnce(handlers: ListenHandlers): Promise<pg.Client> {
    const client = await connect();
    client.on("notification", (n) => {
      if (n.channel === channel) handlers.message(n.payload ?? "");
    });
    await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    return client;
  }

  /** Reconnects after a drop until close(), reporting the gap once listening again. */
  async function keepListening(handlers: ListenHandlers, first: pg.Client): Promise<void> {
    let client = first;
    while (!stopped.signal.aborted) {
      await new Promise<void>((resolve) => client.once("end", () => resolve()));
      listener = null;
      if (stopped.signal.aborted) return;
      log.warn("notify listener disconnected; reconnecting");
      for (let attempt = 0; !stopped.signal.aborted; attempt++) {
        await sleep(backoffDelay(attempt, options.backoff ?? BACKOFF), stopped.signal);
        if (stopped.signal.aborted) return;
        try {
          client = await listenOnce(handlers);
          listener = client;
          log.info("notify listener back");
          handlers.gap?.();
          break;
        } catch (err) {
          log.warn({ err: pgErrorText(err), attempt }, "notify listener reconnect failed");
        }
      }
    }
  }

  return {
    async notify(payload) {
      // A short-lived connection of its own: notifications are rare (an operator's reload).
      sender ??= await connect();
      try {
        await sender.query("SELECT pg_notify($1, $2)", [channel, payload]);
      } catch (err) {
        await sender.end().catch(() => {});
        sender = null;
        throw err;
      }
    },
    async listen(handlers) {
      const first = await listenOnce(handlers);
      listener = first;
      void keepListening(handlers, first);
    },
    async close() {
      stopped.abort();
      await Promise.all([listener?.end(), sender?.end()].map((p) => p?.catch(() => {})));
    },
  };
}
