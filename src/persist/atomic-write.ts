// Replace a file so that a reader (or the next start after a crash or power loss) sees
// either the old content or the new, never a mix: write a temp file in the same
// directory, fsync it, rename it over the target, fsync the directory.
//
// One implementation for everything the bot persists: the state store and the importer's
// catalog files.

import { readdirSync, rmSync } from "node:fs";
import { type FileHandle, open, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

let counter = 0;

/** Temp files are named `<target>.<pid>.<n>.tmp` next to the target. */
function tempName(file: string): string {
  counter = (counter + 1) % 1_000_000;
  return `${file}.${process.pid}.${counter}.tmp`;
}

/**
 * Every step (write, fsync, rename, directory fsync) is async: nothing blocks the main
 * thread. State is private (0600); a catalog file is read by the service user (0644).
 */
export async function writeFileAtomic(file: string, data: string, mode = 0o600): Promise<void> {
  const tmp = tempName(file);
  try {
    const handle = await open(tmp, "wx", mode);
    try {
      await handle.writeFile(data, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  let dir: FileHandle | undefined;
  try {
    dir = await open(dirname(file), "r");
    await dir.sync();
  } catch {
    // Makes the rename itself durable. Not every platform can open a directory (Windows,
    // some network filesystems): best effort, the rename is still atomic.
  } finally {
    await dir?.close();
  }
}

/** Removes temp files a crashed writer left behind. Call only while no writer runs. */
export function removeStaleTempFiles(file: string): string[] {
  const dir = dirname(file);
  const prefix = `${basename(file)}.`;
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    if (name.startsWith(prefix) && name.endsWith(".tmp")) {
      rmSync(join(dir, name), { force: true });
      removed.push(name);
    }
  }
  return removed;
}
