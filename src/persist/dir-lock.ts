// One process per STATE_DIR. The file store keeps each namespace in memory and writes it
// whole, so a second process on the same directory would overwrite the first one's
// subscriptions and answer Slack retries the first one already answered. The lock is a
// file naming its holder (pid, host, boot and process start time); a lock whose holder is
// gone (crash, SIGKILL, reboot, a container restarted with the same pid) is taken over.
//
// Hand-rolled because the lock libraries on npm (proper-lockfile, lockfile) decide
// staleness by mtime and need a refresh timer; a pid with its start time says for certain
// whether the holder still runs. It protects processes on one machine: replicas on several
// hosts share state through DATABASE_URL instead.
import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { StateStoreError } from "../core/state-store.ts";
import { describeDirProblem } from "./file-store.ts";

/** Lock files this process holds: a second lock on one of them in-process is refused too. */
const held = new Set<string>();

interface Holder {
  readonly pid: number;
  readonly host: string;
  /** The kernel's boot id (Linux): a different one means the holder died in a reboot. */
  readonly bootId?: string;
  /** The holder's start time in clock ticks since boot (Linux): tells a reused pid apart. */
  readonly startTicks?: number;
  readonly since: string;
}

interface DirLock {
  readonly file: string;
  /** Removes the lock if it is still ours. */
  release(): void;
}

export const lockFileOf = (dir: string) => join(dir, "virt-talks.lock");

const readText = (file: string): string | undefined => {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
};

function bootId(): string | undefined {
  return readText("/proc/sys/kernel/random/boot_id")?.trim() || undefined;
}

/** The fields of /proc/<pid>/stat after the command name (which may hold spaces). */
function statFields(pid: number): string[] | undefined {
  const stat = readText(`/proc/${pid}/stat`);
  return stat ? stat.slice(stat.lastIndexOf(")") + 2).split(" ") : undefined;
}

/** Field 22 of /proc/<pid>/stat: when the process started, in clock ticks since boot. */
function startTicks(pid: number): number | undefined {
  const ticks = Number(statFields(pid)?.[19]);
  return Number.isSafeInteger(ticks) ? ticks : undefined;
}

/**
 * A killed process whose parent has not reaped it yet is a zombie (state Z, or X while it
 * goes): it answers kill(pid, 0) but will never write state again.
 */
function isZombie(pid: number): boolean {
  const state = statFields(pid)?.[0];
  return state === "Z" || state === "X";
}

function me(): Holder {
  const boot = bootId();
  const ticks = startTicks(process.pid);
  return {
    pid: process.pid,
    host: hostname(),
    ...(boot ? { bootId: boot } : {}),
    ...(ticks !== undefined ? { startTicks: ticks } : {}),
    since: new Date().toISOString(),
  };
}

function parseHolder(text: string | undefined): Holder | undefined {
  try {
    const h = JSON.parse(text ?? "") as Partial<Holder>;
    return typeof h.pid === "number" && typeof h.host === "string" ? (h as Holder) : undefined;
  } catch {
    return undefined;
  }
}

/** false when the holder certainly runs no more. */
function holderAlive(h: Holder): boolean {
  const boot = bootId();
  if (h.bootId && boot && h.bootId !== boot) return false;
  // Our own pid, in a lock we did not take: a previous life of this process (a container
  // restarted with the same pid).
  if (h.pid === process.pid) return false;
  try {
    process.kill(h.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ESRCH") return false;
  }
  if (isZombie(h.pid)) return false;
  const ticks = h.startTicks === undefined ? undefined : startTicks(h.pid);
  return ticks === undefined || ticks === h.startTicks;
}

/** Writes the whole lock or nothing: a temp file linked into place (EEXIST when held). */
function create(file: string, content: string): boolean {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, content, { mode: 0o644 });
  try {
    linkSync(tmp, file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw err;
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** Another live process holds STATE_DIR: this one must not start. */
export class StateDirInUseError extends StateStoreError {
  constructor(dir: string, file: string, h: Holder | undefined) {
    const who = h ? `pid ${h.pid} on ${h.host}, since ${h.since}` : "a holder that left no name";
    super(
      "(lock)",
      `STATE_DIR ${dir} is in use by another virt-talks process (${who}). Stop it, or give this process a STATE_DIR of its own; to run several replicas on shared state, set DATABASE_URL. If no such process runs, remove ${file}.`,
      { store: "file" },
    );
    this.name = "StateDirInUseError";
  }
}

/**
 * Takes STATE_DIR's lock. Throws StateStoreError when another live process holds it, or
 * when the directory cannot be used (a file, read-only, full), naming the path.
 */
export function lockStateDir(dir: string): DirLock {
  const file = lockFileOf(dir);
  const fail = (err: unknown) =>
    new StateStoreError("(lock)", describeDirProblem(dir, err), { store: "file", cause: err });
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw fail(err);
  }
  if (held.has(file)) throw new StateDirInUseError(dir, file, parseHolder(readText(file)));
  const content = `${JSON.stringify(me())}\n`;
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      if (create(file, content)) {
        held.add(file);
        return {
          file,
          release() {
            held.delete(file);
            if (readText(file) === content) rmSync(file, { force: true });
          },
        };
      }
    } catch (err) {
      throw fail(err);
    }
    const seen = readText(file);
    const holder = parseHolder(seen);
    // A lock without a readable holder is a torn write from before atomic locks; treat
    // it like a dead holder.
    if (holder && holderAlive(holder)) throw new StateDirInUseError(dir, file, holder);
    // Take a stale lock over by moving it away first: if another starting process took it
    // over in the meantime, what we moved is not what we judged, and we put it back.
    const aside = `${file}.stale.${process.pid}`;
    try {
      renameSync(file, aside);
    } catch {
      continue; // gone already: try to create it
    }
    if (readText(aside) !== seen) {
      try {
        linkSync(aside, file);
      } catch {
        // a third process holds it now; the next attempt reads who
      }
    }
    rmSync(aside, { force: true });
  }
  throw new StateDirInUseError(dir, file, parseHolder(readText(file)));
}
