// Upgrading STATE_DIR from the release before the state store (git c9181f9~1), whose two
// state files had shapes of their own:
//
//   totd.json                {version: 1, destinations: {"slack:C1": record}}
//   matrix/sync-state.json   {version: 1, account, syncToken, filter, values, seenEventIds}
//
// The file store reads `{version: 1, entries: {key: {value}}}` and moves anything else
// aside as corrupt: an old totd.json was set aside, the daily post treated today's posts
// as possibly sent and a Matrix room (which cannot look a post up) got the day's talk
// twice; the old sync token was never read. So, once, before any namespace opens, each
// old file is rewritten into its namespace: every record kept as it was, so a day already
// posted stays posted. The old content is kept beside (`.v1`) for a rollback.
//
// A file this cannot convert whole is left as it is: the store then sets it aside and
// logs it, exactly as before, and nothing is half-converted.
import { copyFile, readFile, rename } from "node:fs/promises";
import { join } from "node:path";
import type { Logger } from "../log.ts";
import { TOTD_NAMESPACE, validateRecord } from "../totd/records.ts";
import { writeFileAtomic } from "./atomic-write.ts";
import { namespaceFile, serialiseEntries } from "./file-store.ts";

/** The Matrix sync namespace and its keys (src/adapters/matrix/sync-state.ts). */
const MATRIX_NAMESPACE = "matrix-sync";
const OLD_MATRIX_FILE = join("matrix", "sync-state.json");

type Entries = Map<string, { value: unknown }>;

/** A conversion: the namespace's entries, or why the old content cannot be converted. */
type Converted = { entries: Entries } | { problem: string };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Whether `json` is the old daily-post file (the new one has `entries` instead). */
const isOldTotd = (json: unknown): json is { destinations: unknown } =>
  isObject(json) && json.version === 1 && "destinations" in json && !("entries" in json);

/** The old daily-post records as "totd" entries; each must be a valid record today. */
export function convertTotd(json: { destinations: unknown }): Converted {
  if (!isObject(json.destinations)) return { problem: "destinations is not an object" };
  const entries: Entries = new Map();
  for (const [id, old] of Object.entries(json.destinations)) {
    const value = validateRecord(old);
    if (!value) return { problem: `destination "${id}" is not a valid record` };
    entries.set(id, { value });
  }
  return { entries };
}

const isOldMatrix = (json: unknown): json is Record<string, unknown> =>
  isObject(json) && json.version === 1 && "syncToken" in json && "values" in json;

/**
 * The old Matrix file as "matrix-sync" entries: the token as it was, the account and the
 * filter as JSON, the SDK's values under `value:<key>`. The handled-event ids are
 * dropped: the token already starts after them.
 */
export function convertMatrix(json: Record<string, unknown>): Converted {
  const { account, syncToken, filter, values } = json;
  const entries: Entries = new Map();
  if (isObject(account)) {
    if (typeof account.homeserverUrl !== "string" || typeof account.userId !== "string")
      return { problem: "account is not {homeserverUrl, userId}" };
    const { homeserverUrl, userId } = account;
    entries.set("account", { value: JSON.stringify({ homeserverUrl, userId }) });
  } else if (account !== null) return { problem: "account is not an object" };
  if (typeof syncToken === "string") entries.set("token", { value: syncToken });
  else if (syncToken !== null) return { problem: "syncToken is not a string" };
  if (isObject(filter)) {
    if (typeof filter.id !== "number" && typeof filter.id !== "string")
      return { problem: "filter.id is not a number or a string" };
    entries.set("filter", { value: JSON.stringify({ id: filter.id, filter: filter.filter }) });
  } else if (filter !== null) return { problem: "filter is not an object" };
  if (!isObject(values)) return { problem: "values is not an object" };
  for (const [key, value] of Object.entries(values)) {
    if (typeof value !== "string") return { problem: `values.${key} is not a string` };
    entries.set(`value:${key}`, { value });
  }
  return { entries };
}

/** The parsed file, undefined when there is none; unreadable ones are the store's job. */
async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, "utf8"));
  } catch {
    return undefined;
  }
}

const exists = async (file: string) => (await readJson(file)) !== undefined;

/**
 * Converts the previous release's state files in `dir` into the file store's namespaces.
 * Call once at start, holding STATE_DIR's lock, before any namespace opens. Never throws:
 * a failure is logged and the store starts as it would have without this.
 */
export async function migrateStateV1(dir: string, logger: Logger): Promise<void> {
  const totd = namespaceFile(dir, TOTD_NAMESPACE);
  const matrix = namespaceFile(dir, MATRIX_NAMESPACE);
  const oldMatrix = join(dir, OLD_MATRIX_FILE);
  try {
    const oldTotd = await readJson(totd);
    if (isOldTotd(oldTotd)) await convert(oldTotd, convertTotd, { from: totd, to: totd, logger });
    const oldSync = await readJson(oldMatrix);
    // A namespace file already there is newer than the old file: it wins.
    if (isOldMatrix(oldSync) && !(await exists(matrix)))
      await convert(oldSync, convertMatrix, { from: oldMatrix, to: matrix, logger });
  } catch (err) {
    logger.error(
      { stateDir: dir, err: (err as Error).message },
      "cannot convert the previous release's state files; starting with them as they are",
    );
  }
}

async function convert<T>(
  json: T,
  toEntries: (json: T) => Converted,
  where: { from: string; to: string; logger: Logger },
): Promise<void> {
  const { from, to, logger } = where;
  const converted = toEntries(json);
  if ("problem" in converted) {
    logger.error(
      { file: from, problem: converted.problem },
      "previous release's state file cannot be converted; leaving it as it is",
    );
    return;
  }
  const keptAs = `${from}.v1`;
  // In place (totd.json): the old content is copied beside before it is replaced.
  if (from === to) await copyFile(from, keptAs);
  await writeFileAtomic(to, serialiseEntries(converted.entries));
  // Elsewhere: moved only once the new file is durable; a crash in between converts again.
  if (from !== to) await rename(from, keptAs);
  logger.info(
    { file: from, to, entries: converted.entries.size, keptAs },
    "converted the previous release's state file",
  );
}
