// The SDK's storage provider over the state store's "matrix-sync" namespace (atomic file
// by default): the sync token, the sync filter (whose change resets the token), the
// account they belong to, and whatever values the SDK stores. The token is written only
// through commit(), after a batch has been answered (sync-wiring.ts), so a crash replays
// a batch rather than losing it; replayed answers reuse their txnIds.
//
// commit() saves at most once per COMMIT_INTERVAL_MS (and flush() at shutdown): an fsync
// per /sync batch was the bot's largest cost per answer beside the bare SDK bot (bench:bot
// profiles), while a crash then replays at most that interval's batches, whose answers
// the homeserver drops as repeats of their txnIds, as it does for one batch.
import type { IFilterInfo, IStorageProvider } from "matrix-bot-sdk";
import { z } from "zod";
import type { KeyValue, StateStore } from "../../core/state-store.ts";
import type { Logger } from "../../log.ts";

export const SYNC_NAMESPACE = "matrix-sync";
/** How long a committed sync token may wait before it is written. */
export const COMMIT_INTERVAL_MS = 1_000;

const KEYS = Object.freeze({ account: "account", token: "token", filter: "filter" });
const valueKey = (key: string) => `value:${key}`;

const AccountSchema = z.object({ homeserverUrl: z.string(), userId: z.string() });
const FilterSchema = z.object({ id: z.union([z.number(), z.string()]), filter: z.unknown() });

const json = <T>(schema: z.ZodType<T>, text: string | undefined): T | null => {
  if (text === undefined) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
};

/** Every value is a string: JSON for the account and the filter. */
const validate = (raw: unknown) => (typeof raw === "string" ? raw : undefined);

export class SyncState implements IStorageProvider {
  /** The token and filter, read once at open; the store is the source of truth after. */
  #token: string | null;
  #filter: IFilterInfo | null;
  /** A committed token not written yet, and the timer that writes it. */
  #unsaved: string | null = null;
  #timer: NodeJS.Timeout | null = null;

  private constructor(
    private readonly kv: KeyValue<string>,
    private readonly logger: Logger,
    token: string | undefined,
    filter: IFilterInfo | null,
  ) {
    this.#token = token ?? null;
    this.#filter = filter;
  }

  static async open(state: StateStore, logger: Logger): Promise<SyncState> {
    const kv = await state.open(SYNC_NAMESPACE, validate);
    if (kv.recovered)
      logger.warn(
        "matrix sync state was unreadable; starting without a sync token (old messages are still not answered)",
      );
    const filter = json(FilterSchema, await kv.get(KEYS.filter)) as IFilterInfo | null;
    return new SyncState(kv, logger, await kv.get(KEYS.token), filter);
  }

  /** Forgets the sync position if it belongs to another account or homeserver. */
  async bindAccount(homeserverUrl: string, userId: string): Promise<void> {
    const current = json(AccountSchema, await this.kv.get(KEYS.account));
    if (current?.homeserverUrl === homeserverUrl && current.userId === userId) return;
    if (current) {
      this.logger.warn(
        { previous: current.userId, userId },
        "matrix state belongs to another account; starting a fresh sync",
      );
      this.#token = null;
      this.#filter = null;
      await Promise.all([this.kv.delete(KEYS.token), this.kv.delete(KEYS.filter)]);
    }
    await this.kv.put(KEYS.account, JSON.stringify({ homeserverUrl, userId }));
  }

  /** The position to sync from: null for a first sync. */
  getSyncToken(): string | null {
    return this.#token;
  }

  /** Records the position after a handled batch; written within COMMIT_INTERVAL_MS. */
  commit(token: string): void {
    this.#token = token;
    this.#unsaved = token;
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.flush().catch((err: unknown) =>
        this.logger.error({ err: (err as Error).message }, "cannot save the matrix sync token"),
      );
    }, COMMIT_INTERVAL_MS);
    this.#timer.unref();
  }

  /** Writes a committed token now (shutdown); durable when it resolves. */
  async flush(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const token = this.#unsaved;
    this.#unsaved = null;
    if (token !== null) await this.kv.put(KEYS.token, token);
  }

  /** The SDK calls this with null when the filter changed (start()). */
  async setSyncToken(token: string | null): Promise<void> {
    if (token === null) {
      this.#token = null;
      this.#unsaved = null;
      await this.kv.delete(KEYS.token);
    } else {
      this.commit(token);
      await this.flush();
    }
  }

  getFilter(): IFilterInfo {
    // The SDK's type says IFilterInfo, but it treats a falsy value as "no filter yet".
    return this.#filter as IFilterInfo;
  }

  /** The stored filter's id, for /sync; null before the SDK has created one. */
  filterId(): string | number | null {
    return this.#filter?.id ?? null;
  }

  async setFilter(filter: IFilterInfo): Promise<void> {
    this.#filter = { id: filter.id, filter: filter.filter };
    await this.kv.put(KEYS.filter, JSON.stringify(this.#filter));
  }

  storeValue(key: string, value: string): Promise<void> {
    return this.kv.put(valueKey(key), value);
  }

  async readValue(key: string): Promise<string | null> {
    return (await this.kv.get(valueKey(key))) ?? null;
  }
}
