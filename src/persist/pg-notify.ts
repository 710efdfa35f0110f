// Messages to every replica through PostgreSQL LISTEN/NOTIFY: `POST /admin/reload` on one
// replica reloads the catalog on all of them, and a subscription changed through one is
// re-read by all. A listener needs a session of its own, so it holds one connection
// outside the pool (behind a transaction-pooling proxy, LISTEN does not work: point
// DATABASE_URL at the server or a session-pooling proxy). The notifiers of one replica
// (same database, same logger) share that connection, each on its channel, and one more
// for sending. When the listening connection drops, it reconnects with backoff and
// reports a gap to every listener, since a message sent while it was away is gone.
import pg from "pg";
import { type Backoff, backoffDelay, sleep } from "../core/retry.ts";
import type { Logger } from "../log.ts";
import { describeDatabase, pgErrorText } from "./pg-errors.ts";

interface NotifierOptions {
  readonly connectionString: string;
  /** One channel per deployment and kind: e.g. "virt_talks_reload_" + the schema. */
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

/** The connections one replica's notifiers share. */
interface Session {
  readonly log: Logger;
  readonly backoff: Backoff;
  readonly connectionString: string;
  /** Notifiers open on it: the last close() ends its connections. */
  refs: number;
  readonly channels: Map<string, Set<ListenHandlers>>;
  /** The listening connection (or its reconnect under way); null before the first listen. */
  client: Promise<pg.Client> | null;
  /** Channels LISTENed on the current connection. */
  listened: Set<string>;
  sender: Promise<pg.Client> | null;
  readonly stopped: AbortController;
}

/** Per logger (one per replica), per database. */
const sessions = new WeakMap<Logger, Map<string, Session>>();

function sessionFor(options: NotifierOptions): Session {
  const byUrl = sessions.get(options.logger) ?? new Map<string, Session>();
  sessions.set(options.logger, byUrl);
  let session = byUrl.get(options.connectionString);
  if (!session) {
    const { connectionString } = options;
    session = {
      log: options.logger.child({
        component: "pg-notify",
        database: describeDatabase(connectionString),
      }),
      backoff: options.backoff ?? BACKOFF,
      connectionString,
      refs: 0,
      channels: new Map(),
      client: null,
      listened: new Set(),
      sender: null,
      stopped: new AbortController(),
    };
    byUrl.set(connectionString, session);
    const created = session;
    created.stopped.signal.addEventListener("abort", () => {
      if (byUrl.get(connectionString) === created) byUrl.delete(connectionString);
    });
  }
  session.refs++;
  return session;
}

async function connect(s: Session): Promise<pg.Client> {
  const client = new pg.Client({
    connectionString: s.connectionString,
    application_name: "virt-talks",
  });
  client.on("error", (err) => s.log.warn({ err: pgErrorText(err) }, "notify connection error"));
  await client.connect();
  return client;
}

/** A listening connection with every channel wanted now; watched for drops. */
async function openListener(s: Session): Promise<pg.Client> {
  const client = await connect(s);
  client.on("notification", (n) => {
    for (const h of s.channels.get(n.channel) ?? []) h.message(n.payload ?? "");
  });
  const channels = [...s.channels.keys()];
  try {
    for (const ch of channels) await client.query(`LISTEN ${pg.escapeIdentifier(ch)}`);
  } catch (err) {
    await client.end().catch(() => {});
    throw err;
  }
  s.listened = new Set(channels);
  client.once("end", () => {
    if (s.stopped.signal.aborted) return;
    s.log.warn("notify listener disconnected; reconnecting");
    const back = reconnect(s);
    s.client = back;
    back.then(
      () => {
        for (const handlers of s.channels.values()) for (const h of handlers) h.gap?.();
      },
      () => {},
    );
  });
  return client;
}

async function reconnect(s: Session): Promise<pg.Client> {
  for (let attempt = 0; ; attempt++) {
    await sleep(backoffDelay(attempt, s.backoff), s.stopped.signal);
    if (s.stopped.signal.aborted) throw new Error("notifier closed");
    try {
      const client = await openListener(s);
      s.log.info("notify listener back");
      return client;
    } catch (err) {
      s.log.warn({ err: pgErrorText(err), attempt }, "notify listener reconnect failed");
    }
  }
}

/** LISTENs on `channel` (connecting first if this is the session's first listen). */
async function listenOn(s: Session, channel: string): Promise<void> {
  if (!s.client) {
    const first = openListener(s);
    s.client = first;
    first.catch(() => {
      if (s.client === first) s.client = null; // the next listen() tries again
    });
  }
  const client = await s.client;
  if (s.listened.has(channel)) return;
  s.listened.add(channel);
  try {
    await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
  } catch (err) {
    s.listened.delete(channel);
    throw err;
  }
}

async function send(s: Session, channel: string, payload: string): Promise<void> {
  if (!s.sender) {
    const opening = connect(s);
    s.sender = opening;
    opening.catch(() => {
      if (s.sender === opening) s.sender = null;
    });
  }
  const opened = s.sender;
  const sender = await opened;
  try {
    await sender.query("SELECT pg_notify($1, $2)", [channel, payload]);
  } catch (err) {
    if (s.sender === opened) s.sender = null;
    await sender.end().catch(() => {});
    throw err;
  }
}

export function createNotifier(options: NotifierOptions): Notifier {
  const { channel } = options;
  const s = sessionFor(options);
  const mine: ListenHandlers[] = [];
  let closing: Promise<void> | null = null;

  async function close(): Promise<void> {
    const handlers = s.channels.get(channel);
    for (const h of mine) handlers?.delete(h);
    if (handlers?.size === 0) s.channels.delete(channel);
    if (--s.refs > 0) {
      if (!s.channels.has(channel) && s.listened.delete(channel)) {
        const client = await s.client?.catch(() => null);
        await client?.query(`UNLISTEN ${pg.escapeIdentifier(channel)}`).catch(() => {});
      }
      return;
    }
    s.stopped.abort();
    const ends = [s.client, s.sender].map(async (p) => (await p?.catch(() => null))?.end());
    await Promise.all(ends.map((p) => p.catch(() => {})));
  }

  return {
    notify: (payload) => send(s, channel, payload),
    async listen(handlers) {
      mine.push(handlers);
      const set = s.channels.get(channel) ?? new Set<ListenHandlers>();
      set.add(handlers);
      s.channels.set(channel, set);
      await listenOn(s, channel);
    },
    close() {
      closing ??= close();
      return closing;
    },
  };
}
