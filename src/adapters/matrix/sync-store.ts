// The SDK's storage provider, persisted to one JSON file that is replaced atomically
// (write a temp file, fsync, rename, fsync the directory). SimpleFsStorageProvider rewrites
// its file in place: a write cut short leaves it empty or torn, the sync token is lost and
// the next start replays old messages. Here a crash leaves either the old file or the new.
//
// Alongside the sync token (and the filter, whose change would reset the token) it keeps
// the ids of the last events we handled, so a replayed batch is never answered twice.
import { mkdir, readFile, rename } from "node:fs/promises";
import { dirname } from "node:path";
import type { IFilterInfo, IStorageProvider } from "matrix-bot-sdk";
import { z } from "zod";
import type { Logger } from "../../log.ts";
import { removeStaleTempFiles, writeFileAtomic } from "../../persist/atomic-write.ts";

export const MAX_SEEN_EVENTS = 2_000;

const StateFileSchema = z.object({
  version: z.literal(1),
  /** Whose sync this is: a token is meaningless for another account or homeserver. */
  account: z.object({ homeserverUrl: z.string(), userId: z.string() }).nullable(),
  syncToken: z.string().nullable(),
  filter: z.object({ id: z.union([z.number(), z.string()]), filter: z.unknown() }).nullable(),
  values: z.record(z.string(), z.string()),
  seenEventIds: z.array(z.string()),
});
type StateFile = z.infer<typeof StateFileSchema>;

const empty = (): StateFile => ({
  version: 1,
  account: null,
  syncToken: null,
  filter: null,
  values: {},
  seenEventIds: [],
});

export class AtomicStateStore implements IStorageProvider {
  private state: StateFile;
  private readonly seen: Set<string>;
  private pending: Promise<void> | null = null;
  private chain: Promise<void> = Promise.resolve();

  private constructor(
    readonly file: string,
    state: StateFile,
    private readonly logger: Logger,
  ) {
    this.state = state;
    this.seen = new Set(state.seenEventIds);
  }

  /** Loads the state file (or starts empty), setting a corrupt one aside rather than failing. */
  static async open(file: string, logger: Logger): Promise<AtomicStateStore> {
    await mkdir(dirname(file), { recursive: true });
    // Temp files of a write cut short by a crash.
    removeStaleTempFiles(file);
    let raw: string | null = null;
    try {
      raw = await readFile(file, "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    }
    if (raw === null) return new AtomicStateStore(file, empty(), logger);
    let parsed: ReturnType<typeof StateFileSchema.safeParse>;
    try {
      parsed = StateFileSchema.safeParse(JSON.parse(raw));
    } catch {
      parsed = StateFileSchema.safeParse(undefined);
    }
    if (parsed.success) return new AtomicStateStore(file, parsed.data, logger);
    const aside = `${file}.corrupt-${Date.now()}`;
    await rename(file, aside);
    logger.warn(
      { file, movedTo: aside },
      "matrix state file unreadable; starting without a sync token (old messages are still not answered)",
    );
    return new AtomicStateStore(file, empty(), logger);
  }

  /** Forgets the sync position if it belongs to another account or homeserver. */
  async bindAccount(homeserverUrl: string, userId: string): Promise<void> {
    const current = this.state.account;
    if (current && current.homeserverUrl === homeserverUrl && current.userId === userId) return;
    if (current) {
      this.logger.warn(
        { previous: current.userId, userId },
        "matrix state belongs to another account; starting a fresh sync",
      );
      this.seen.clear();
      this.state = { ...empty(), values: this.state.values };
    }
    this.state = { ...this.state, account: { homeserverUrl, userId } };
    await this.save();
  }

  getSyncToken(): string | null {
    return this.state.syncToken;
  }

  async setSyncToken(token: string | null): Promise<void> {
    this.state = { ...this.state, syncToken: token };
    await this.save();
  }

  getFilter(): Promise<IFilterInfo> {
    // The SDK's type says IFilterInfo, but it treats a falsy value as "no filter yet".
    return Promise.resolve(this.state.filter as IFilterInfo);
  }

  /** The stored filter's id, for /sync; null before the SDK has created one. */
  filterId(): string | number | null {
    return this.state.filter?.id ?? null;
  }

  async setFilter(filter: IFilterInfo): Promise<void> {
    this.state = { ...this.state, filter: { id: filter.id, filter: filter.filter } };
    await this.save();
  }

  async storeValue(key: string, value: string): Promise<void> {
    this.state = { ...this.state, values: { ...this.state.values, [key]: value } };
    await this.save();
  }

  readValue(key: string): string | null {
    return Object.hasOwn(this.state.values, key) ? (this.state.values[key] ?? null) : null;
  }

  hasSeen(eventId: string): boolean {
    return this.seen.has(eventId);
  }

  /** Remembers a handled event; persisted with the next save (normally the next sync token). */
  rememberSeen(eventId: string): void {
    this.seen.delete(eventId);
    this.seen.add(eventId);
    while (this.seen.size > MAX_SEEN_EVENTS) {
      const oldest = this.seen.values().next().value;
      if (oldest === undefined) break;
      this.seen.delete(oldest);
    }
  }

  /**
   * Writes the current state. Writes never overlap, and saves requested while one is
   * queued share it: the snapshot is taken when the write starts.
   */
  save(): Promise<void> {
    if (this.pending) return this.pending;
    const write = this.chain.then(() => {
      this.pending = null;
      const snapshot: StateFile = { ...this.state, seenEventIds: [...this.seen] };
      return writeFileAtomic(this.file, `${JSON.stringify(snapshot)}\n`);
    });
    this.pending = write;
    this.chain = write.catch(() => {});
    return write;
  }

  /** Waits for queued writes, then writes once more so nothing in memory is left unsaved. */
  async flush(): Promise<void> {
    await this.chain;
    await this.save();
  }
}
