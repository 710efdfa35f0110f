// The daily-post records when several replicas keep them (DATABASE_URL): every replica
// runs the schedule, and for each destination they take turns through claims
// (src/core/claims.ts). Claim → read the record fresh → look or send → record → release:
// one replica at a time works on a destination, always on what the store holds now, and
// a replica whose claim lapsed (killed, paused past it) writes nothing more. What get()
// returns between claims is the last record this process saw: good for /healthz and for
// skipping a day it knows is done, never for deciding to send.
import {
  type Claim,
  type ClaimOptions,
  type ClaimStores,
  DEFAULT_CLAIM_TTL_MS,
} from "../core/claims.ts";
import { sleep } from "../core/retry.ts";
import {
  type DestinationRecord,
  EMPTY_RECORD,
  type RecordBook,
  TAKEN,
  TOTD_NAMESPACE,
  validateRecord,
} from "./records.ts";

export async function openSharedRecordBook(
  claims: ClaimStores,
  options: ClaimOptions = {},
): Promise<RecordBook> {
  const values = await claims.open(TOTD_NAMESPACE, validateRecord, options);
  const ttlMs = options.ttlMs ?? DEFAULT_CLAIM_TTL_MS;
  const mirror = new Map<string, DestinationRecord>(await values.entries());
  /** The claim each destination is worked on under, while it is. */
  const active = new Map<string, Claim>();
  /** This process's turns per destination, one after the other (never two claims at once). */
  const turns = new Map<string, Promise<unknown>>();
  const refresh = async (id: string) => {
    const fresh = await values.read(id);
    if (fresh) mirror.set(id, fresh);
    else mirror.delete(id);
  };

  async function turn<T>(id: string, work: () => Promise<T>): Promise<T | typeof TAKEN> {
    const claim = await values.claim(id);
    if (!claim) return TAKEN;
    active.set(id, claim);
    try {
      await refresh(id);
      return await work();
    } finally {
      active.delete(id);
      await values.release(claim);
    }
  }

  return {
    // Set aside by this open: today's posts may have gone out (daily-post.ts settles them).
    recovered: values.recovered,
    shared: true,
    takenRetryMs: Math.max(50, Math.floor(ttlMs / 4)),
    get: (id) => mirror.get(id) ?? EMPTY_RECORD,
    async put(id, record) {
      const claim = active.get(id);
      if (!claim) throw new Error(`daily-post record ${id} written outside its claim`);
      await values.write(claim, id, record);
      mirror.set(id, record);
    },
    exclusive<T>(id: string, work: () => Promise<T>) {
      const previous = turns.get(id) ?? Promise.resolve();
      const mine = previous.then(
        () => turn(id, work),
        () => turn(id, work),
      );
      const settled = mine.catch(() => {});
      turns.set(id, settled);
      void settled.then(() => {
        if (turns.get(id) === settled) turns.delete(id);
      });
      return mine;
    },
    mayStillSend: (id) => active.get(id)?.held(ttlMs / 2) ?? false,
    refresh,
    // Another replica may still schedule a destination this one no longer lists: the
    // records stay (a few bytes each) rather than be deleted under its feet.
    prune: async () => 0,
  };
}

/**
 * `work` on a destination's record: at once alone; with replicas under its claim, on the
 * record read fresh, waiting a short while (a few tries) while another replica works on it.
 */
export async function inTurn(
  book: RecordBook,
  id: string,
  now: () => Date,
  work: () => Promise<void>,
): Promise<void> {
  const deadline = now().getTime() + book.takenRetryMs * 8;
  while ((await book.exclusive(id, work)) === TAKEN) {
    if (now().getTime() > deadline) throw new Error(`another replica keeps ${id} claimed`);
    await sleep(Math.min(250, book.takenRetryMs));
  }
}
