// The embedded state store: one JSON file per namespace under STATE_DIR, replaced
// atomically (src/persist/atomic-write.ts) on every change, so a crash or a SIGKILL leaves
// either the old content or the new. Small by design: a few thousand entries a namespace
// (event ids inside Slack's retry window, one record per destination).
//
// Writes are serialised per namespace and coalesced: puts that arrive while a write is on
// its way go out together in the next one, and each put resolves once a write holding it
// is durable. A failed write puts memory back to what is on disk and rejects its puts.
import { mkdirSync, readFileSync, renameSync } from "node:fs";
import { join } from "node:path";
import {
  type KeyValue,
  type PutOptions,
  type StateStore,
  StateStoreError,
  type Validate,
} from "../core/state-store.ts";
import type { Logger } from "../log.ts";
import { removeStaleTempFiles, writeFileAtomic } from "./atomic-write.ts";
import { checkNamespaceName } from "./namespace.ts";

interface Entry<T> {
  readonly value: T;
  /** Milliseconds since the epoch; absent: kept until deleted. */
  readonly expiresAt?: number;
}

interface FileStoreOptions {
  readonly dir: string;
  readonly logger: Logger;
  /** Milliseconds since the epoch; the real clock unless a test moves it. */
  readonly now?: () => number;
}

export function createFileStore(options: FileStoreOptions): StateStore {
  const opened = new Map<string, KeyValue<unknown>>();
  return {
    async open<T>(name: string, validate: Validate<T>): Promise<KeyValue<T>> {
      checkNamespaceName(name, "file");
      const known = opened.get(name);
      if (known) return known as KeyValue<T>;
      const ns = openNamespace(name, validate, options);
      opened.set(name, ns as KeyValue<unknown>);
      return ns;
    },
  };
}

/** Where a namespace lives: `<dir>/<name>.json`. */
export const namespaceFile = (dir: string, name: string) => join(dir, `${name}.json`);

function openNamespace<T>(name: string, validate: Validate<T>, options: FileStoreOptions) {
  const now = options.now ?? Date.now;
  try {
    mkdirSync(options.dir, { recursive: true });
  } catch (err) {
    // Start anyway with what can be read (nothing, or what a read-only disk holds): the
    // bot keeps answering what needs no state, and every write says what is wrong.
    options.logger.error(
      { store: "file", namespace: name, problem: describeDirProblem(options.dir, err) },
      "state store cannot be written; this namespace starts empty and every change fails",
    );
  }
  const file = namespaceFile(options.dir, name);
  removeStaleTempFiles(file);
  const { entries: durable, recovered } = load(file, name, validate, options.logger);
  /** What callers see: durable plus the changes on their way to disk. */
  const live = new Map(durable);
  let pending: { keys: Set<string>; done: Promise<void> } | null = null;
  let writing: Promise<void> = Promise.resolve();

  const alive = (e: Entry<T> | undefined): e is Entry<T> =>
    e !== undefined && (e.expiresAt === undefined || e.expiresAt > now());

  function change(key: string, entry: Entry<T> | null): Promise<void> {
    if (entry) live.set(key, entry);
    else live.delete(key);
    if (!pending) {
      const keys = new Set<string>();
      const done = writing.then(() => flush(keys));
      pending = { keys, done };
      writing = done.catch(() => {});
    }
    pending.keys.add(key);
    return pending.done;
  }

  async function flush(keys: Set<string>): Promise<void> {
    pending = null; // later changes go into the next write
    const t = now();
    for (const [k, e] of live) if (e.expiresAt !== undefined && e.expiresAt <= t) live.delete(k);
    const snapshot = new Map(live);
    try {
      await writeFileAtomic(file, serialiseEntries(snapshot));
    } catch (err) {
      // Back to what is on disk, except keys put again during the write: those go out
      // with the next write (and their puts wait for it).
      for (const k of keys) {
        if (live.get(k) !== snapshot.get(k)) continue;
        const before = durable.get(k);
        if (before) live.set(k, before);
        else live.delete(k);
      }
      throw new StateStoreError(name, `cannot write ${file}: ${describeFsError(err)}`, {
        store: "file",
        cause: err,
      });
    }
    durable.clear();
    for (const [k, e] of snapshot) durable.set(k, e);
  }

  const entryOf = (value: T, opts?: PutOptions): Entry<T> =>
    opts?.ttlMs === undefined ? { value } : { value, expiresAt: now() + opts.ttlMs };

  const ns: KeyValue<T> = {
    recovered,
    async get(key) {
      const e = live.get(key);
      return alive(e) ? e.value : undefined;
    },
    put: (key, value, opts) => change(key, entryOf(value, opts)),
    async putIfAbsent(key, value, opts) {
      if (alive(live.get(key))) return false;
      await change(key, entryOf(value, opts));
      return true;
    },
    delete: (key) => (live.has(key) ? change(key, null) : Promise.resolve()),
    async entries() {
      return [...live].filter(([, e]) => alive(e)).map(([k, e]) => [k, e.value] as const);
    },
  };
  return ns;
}

/** A filesystem error in words an operator acts on. */
function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  return code === "ENOTDIR" || code === "EEXIST"
    ? "a file stands where a directory should be"
    : code === "EROFS"
      ? "the filesystem is read-only"
      : code === "EACCES" || code === "EPERM"
        ? "permission denied"
        : code === "ENOSPC" || code === "EDQUOT"
          ? "the disk is full"
          : (err as Error).message;
}

/** Why STATE_DIR cannot be used, naming it. */
export const describeDirProblem = (dir: string, err: unknown): string =>
  `STATE_DIR ${dir} cannot be used: ${describeFsError(err)}`;

/** A namespace file's content (also written by the upgrade in migrate-v1.ts). */
export function serialiseEntries<T>(entries: ReadonlyMap<string, Entry<T>>): string {
  return `${JSON.stringify({ version: 1, entries: Object.fromEntries(entries) }, null, 1)}\n`;
}

function load<T>(
  file: string,
  name: string,
  validate: Validate<T>,
  logger: Logger,
): { entries: Map<string, Entry<T>>; recovered: boolean } {
  let raw: string;
  try {
    raw = readFileSync(file, "utf8");
  } catch (err) {
    // Nothing there: no file yet, or no directory (STATE_DIR is a file; logged at open).
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return { entries: new Map(), recovered: false };
    return recover(file, name, logger, `cannot read: ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    return recover(file, name, logger, `invalid JSON: ${(err as Error).message}`);
  }
  const body = json as { version?: unknown; entries?: unknown };
  if (body?.version !== 1 || typeof body.entries !== "object" || body.entries === null)
    return recover(file, name, logger, "not a version-1 state file");
  const entries = new Map<string, Entry<T>>();
  for (const [key, stored] of Object.entries(body.entries as Record<string, unknown>)) {
    const e = stored as { value?: unknown; expiresAt?: unknown };
    const value = validate(e?.value);
    const expires = e?.expiresAt;
    if (value === undefined || (expires !== undefined && typeof expires !== "number"))
      return recover(file, name, logger, `entry "${key}" is not valid`);
    entries.set(key, typeof expires === "number" ? { value, expiresAt: expires } : { value });
  }
  return { entries, recovered: false };
}

function recover<T>(
  file: string,
  name: string,
  logger: Logger,
  problem: string,
): { entries: Map<string, Entry<T>>; recovered: true } {
  const aside = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, "-")}`;
  let movedTo: string | null = aside;
  try {
    renameSync(file, aside);
  } catch {
    movedTo = null; // the next write replaces it; nothing more to save
  }
  logger.error(
    { namespace: name, file, movedTo, problem },
    "state file is unreadable; starting empty",
  );
  return { entries: new Map(), recovered: true };
}
