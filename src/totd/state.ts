// The daily post's memory across restarts (STATE_DIR/totd.json): per destination, the
// last day posted, the last day settled, and the intent of the send under way.
//
// The intent is written (and fsynced) before every send and cleared when the send is
// recorded, so after a crash "intent for today, inFlight, no lastPosted = today" means
// exactly "a send may or may not have reached the platform".
import { mkdirSync, readFileSync, renameSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import type { Logger } from "../log.ts";
import { removeStaleTempFiles, writeFileAtomicSync } from "../persist/atomic-write.ts";

export const STATE_FILE_NAME = "totd.json";

const IntentSchema = z.object({
  /** The day this post is for (YYYY-MM-DD in the TOTD zone). */
  date: z.iso.date(),
  /** The idempotency key every attempt for that day uses. */
  key: z.string(),
  attempts: z.number().int().min(0),
  /**
   * true from just before a send until its outcome is known and recorded; it stays true
   * after a Slack send that timed out, until the channel says whether the post arrived.
   */
  inFlight: z.boolean(),
  /**
   * When the send was made (ISO instant): where a look in the Slack channel for it starts.
   * After a lost state file, today's post time (the earliest a send can have been made).
   */
  at: z.string(),
});
export type Intent = z.infer<typeof IntentSchema>;

const DestinationStateSchema = z.object({
  /** Last day whose post the platform confirmed. */
  lastPosted: z.iso.date().nullable(),
  /** Last day that needs no more work: posted, given up, or skipped as possibly posted. */
  settled: z.iso.date().nullable(),
  intent: IntentSchema.nullable(),
  lastError: z.string().nullable(),
});
export type DestinationState = z.infer<typeof DestinationStateSchema>;

const StateFileSchema = z.object({
  version: z.literal(1),
  destinations: z.record(z.string(), DestinationStateSchema),
});

export const EMPTY_DESTINATION: DestinationState = Object.freeze({
  lastPosted: null,
  settled: null,
  intent: null,
  lastError: null,
});

export interface TotdStore {
  readonly file: string;
  /**
   * true when a state file existed but could not be read or validated. It was moved
   * aside (kept for inspection) and the store starts empty; the daily post then treats
   * today's posts as possibly sent, exactly as after a crash mid-send.
   */
  readonly recovered: boolean;
  get(destinationId: string): DestinationState;
  /** Records one destination's state durably before returning. Throws on I/O errors. */
  set(destinationId: string, state: DestinationState): void;
  snapshot(): Readonly<Record<string, DestinationState>>;
}

export function openTotdStore(stateDir: string, logger: Logger): TotdStore {
  mkdirSync(stateDir, { recursive: true });
  const file = join(stateDir, STATE_FILE_NAME);
  removeStaleTempFiles(file);
  const { destinations, recovered } = load(file, logger);

  return {
    file,
    recovered,
    get: (id) => destinations.get(id) ?? EMPTY_DESTINATION,
    set(id, state) {
      const next = new Map(destinations).set(id, state);
      const body = { version: 1, destinations: Object.fromEntries(next) };
      writeFileAtomicSync(file, `${JSON.stringify(body, null, 2)}\n`);
      // Memory follows the disk: if the write threw, the old state stays in force.
      destinations.set(id, state);
    },
    snapshot: () => Object.fromEntries(destinations),
  };
}

function load(
  file: string,
  logger: Logger,
): { destinations: Map<string, DestinationState>; recovered: boolean } {
  let raw: string;
  try {
    raw = readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") {
      return { destinations: new Map(), recovered: false }; // first start
    }
    return recover(file, logger, `cannot read: ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    return recover(file, logger, `invalid JSON: ${(err as Error).message}`);
  }
  const parsed = StateFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return recover(file, logger, `${issue.path.join(".") || "(root)"}: ${issue.message}`);
  }
  return { destinations: new Map(Object.entries(parsed.data.destinations)), recovered: false };
}

function recover(
  file: string,
  logger: Logger,
  problem: string,
): { destinations: Map<string, DestinationState>; recovered: true } {
  const aside = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, "-")}`;
  let movedTo: string | null = aside;
  try {
    renameSync(file, aside);
  } catch {
    movedTo = null; // the next write replaces it; nothing more to save
  }
  logger.error(
    { file, movedTo, problem },
    "daily-post state file is unreadable; starting empty and treating today's posts as possibly sent",
  );
  return { destinations: new Map(), recovered: true };
}
