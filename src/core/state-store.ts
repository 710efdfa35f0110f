// The state-store port: small durable key-value namespaces (Slack event claims, the
// daily-post records, the Matrix sync token, subscriptions). The file store
// (src/persist/file-store.ts) is the embedded default; PostgreSQL (src/persist/pg-store.ts)
// is shared by replicas. Every store passes one contract suite (test/persist/contract.ts),
// so callers never know which one they hold.

export interface PutOptions {
  /** The entry disappears this long after the put (dedupe windows). Forever without it. */
  readonly ttlMs?: number;
}

export interface KeyValue<T> {
  /**
   * true when the namespace existed but could not be read or validated: it was moved aside
   * and starts empty. Callers that must not repeat work (the daily post) act on this.
   */
  readonly recovered: boolean;
  get(key: string): Promise<T | undefined>;
  /** Durable when the promise resolves (the file store fsyncs); rejects on I/O errors. */
  put(key: string, value: T, options?: PutOptions): Promise<void>;
  /** Stores only when the key is absent (or expired); true if this call stored it. */
  putIfAbsent(key: string, value: T, options?: PutOptions): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** Every live entry, in insertion order. */
  entries(): Promise<ReadonlyArray<readonly [string, T]>>;
}

/** Validates one stored value; returns undefined for a value it does not accept. */
export type Validate<T> = (raw: unknown) => T | undefined;

export interface StateStore {
  /**
   * Opens (creating if needed) a namespace. `validate` checks every value read back; a
   * namespace whose data fails it is recovered (moved aside, started empty).
   */
  open<T>(name: string, validate: Validate<T>): Promise<KeyValue<T>>;
}

/** Which store failed: named in every StateStoreError so a log line says where to look. */
export type StoreKind = "file" | "postgres" | "memory";

/**
 * A failure of the state store itself (a disk, a directory, the database), never of a chat
 * platform: callers log it as such and keep answering what needs no state.
 */
export class StateStoreError extends Error {
  readonly store: StoreKind | undefined;
  constructor(
    readonly namespace: string,
    message: string,
    options?: { cause?: unknown; store?: StoreKind },
  ) {
    const where = options?.store ? `${options.store} state store` : "state store";
    super(`${where} "${namespace}": ${message}`, { cause: options?.cause });
    this.name = "StateStoreError";
    this.store = options?.store;
  }
}

/**
 * A namespace (or anything opened from the store) opened on first use, and again on the
 * next use after a failed open (the database was away at start), never twice at once.
 */
export function openedOnFirstUse<T>(open: () => Promise<T>): () => Promise<T> {
  let opened: Promise<T> | null = null;
  return () => {
    opened ??= open().catch((error: unknown) => {
      opened = null;
      throw error;
    });
    return opened;
  };
}
