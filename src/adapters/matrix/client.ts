// matrix-bot-sdk's MatrixClient with its sync loop swapped for ours (sync-loop.ts), through
// the protected startSyncInternal hook the SDK calls at the end of start(). Everything
// else — whoami, the filter, joined rooms, and processSync, which turns a /sync response
// into room.invite / room.join / room.message / room.event emits — stays the SDK's.
//
// Why not the SDK's loop (0.7.1, MatrixClient.startSync): it never crashes on errors and
// retries forever, but always waits a fixed random 5–15 s (not exponential, not
// configurable); it saves the sync token before the batch is handled, and emits events
// without awaiting async listeners, so an answer cut short by a crash or stop() is lost
// and stop() cannot wait for answers in flight; it still handles a batch that arrives
// after stop(); and it reports nothing a health check could use.
import { MatrixClient } from "matrix-bot-sdk";

/** Awaited by processSync for each emit, in order: our handlers finish before the next event. */
export type SyncEmit = (eventType: string, ...payload: unknown[]) => Promise<void>;

export class BotClient extends MatrixClient {
  #onSyncStart: (() => void) | null = null;

  /** What to run when the SDK's start() has done its setup and would start syncing. */
  onSyncStart(start: () => void): void {
    this.#onSyncStart = start;
  }

  protected override startSyncInternal(): Promise<void> {
    this.#onSyncStart?.();
    return Promise.resolve();
  }

  /** The SDK's routing of one /sync response, with our emit instead of EventEmitter.emit. */
  routeSync(response: unknown, emit: SyncEmit): Promise<void> {
    return this.processSync(response, emit);
  }
}
