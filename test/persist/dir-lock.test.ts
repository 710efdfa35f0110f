// One process per STATE_DIR: a live holder is refused with a message saying who and what to
// do; a holder that is gone (dead pid, reused pid, reboot, our own pid from a previous
// life) is taken over; an unusable directory is named as such.
import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { StateStoreError } from "../../src/core/state-store.ts";
import { lockFileOf, lockStateDir, StateDirInUseError } from "../../src/persist/dir-lock.ts";
import { describeDirProblem } from "../../src/persist/file-store.ts";

const releases: Array<() => void> = [];
afterEach(() => {
  for (const r of releases.splice(0)) r();
});
const lock = (dir: string) => {
  const l = lockStateDir(dir);
  releases.push(l.release);
  return l;
};
const dir = () => mkdtempSync(join(tmpdir(), "virt-talks-lock-"));
const plantHolder = (d: string, holder: Record<string, unknown>) =>
  writeFileSync(lockFileOf(d), JSON.stringify({ host: hostname(), since: "earlier", ...holder }));
/** A pid that certainly ran and has exited. */
const deadPid = () => spawnSync(process.execPath, ["-e", ""]).pid;
const bootId = () => readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
const onLinux = process.platform === "linux";

describe("STATE_DIR lock", () => {
  it("refuses a second holder, naming the directory, the holder and the way out", () => {
    const d = dir();
    const first = lock(d);
    const error = (() => {
      try {
        lockStateDir(d);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(StateDirInUseError);
    const message = (error as Error).message;
    expect(message).toContain(`file state store "(lock)": STATE_DIR ${d} is in use by another`);
    expect(message).toContain(`(pid ${process.pid} on ${hostname()}, since `);
    expect(message).toContain("set DATABASE_URL");
    expect(message).toContain(`remove ${first.file}.`);
    first.release();
    expect(() => lock(d)).not.toThrow();
  });

  it("refuses a lock whose holder is another live process", () => {
    const d = dir();
    plantHolder(d, { pid: process.ppid });
    expect(() => lockStateDir(d)).toThrow(new RegExp(`pid ${process.ppid} on `));
  });

  it("takes over a lock whose holder has exited", () => {
    const d = dir();
    plantHolder(d, { pid: deadPid() });
    const l = lock(d);
    expect(JSON.parse(readFileSync(l.file, "utf8")).pid).toBe(process.pid);
  });

  it.runIf(onLinux)(
    "takes over a lock whose holder was killed and not yet reaped (a zombie)",
    async () => {
      // `sleep 0.3` exits after its parent has exec'd into `sleep 5`, which never reaps it
      // (a shorter sleep could end before the exec, and the shell would reap it).
      const parent = spawn("sh", ["-c", "sleep 0.3 & echo $!; exec sleep 5"]);
      try {
        const [pid] = (await once(parent.stdout, "data")).map((b: Buffer) => Number(String(b)));
        await vi.waitFor(() => expect(readFileSync(`/proc/${pid}/stat`, "utf8")).toMatch(/\) Z /), {
          timeout: 5_000,
        });
        const d = dir();
        plantHolder(d, { pid });
        expect(() => lock(d)).not.toThrow();
      } finally {
        parent.kill("SIGKILL");
      }
    },
  );

  it("takes over a lock left with our own pid (a container restarted with the same pid)", () => {
    const d = dir();
    plantHolder(d, { pid: process.pid });
    expect(() => lock(d)).not.toThrow();
  });

  it("takes over a lock that is not a holder at all (a torn or foreign file)", () => {
    const d = dir();
    writeFileSync(lockFileOf(d), "");
    expect(() => lock(d)).not.toThrow();
  });

  it.runIf(onLinux)("takes over a live pid that started later than the holder (pid reused)", () => {
    const d = dir();
    plantHolder(d, { pid: process.ppid, bootId: bootId(), startTicks: 1 });
    expect(() => lock(d)).not.toThrow();
  });

  it.runIf(onLinux)("takes over a lock from before a reboot", () => {
    const d = dir();
    plantHolder(d, { pid: process.ppid, bootId: "00000000-0000-0000-0000-000000000000" });
    expect(() => lock(d)).not.toThrow();
  });

  it("leaves a lock that is no longer its own when releasing", () => {
    const d = dir();
    const l = lockStateDir(d);
    plantHolder(d, { pid: process.ppid });
    l.release();
    expect(JSON.parse(readFileSync(lockFileOf(d), "utf8")).pid).toBe(process.ppid);
  });

  it("names a STATE_DIR that is a file, or sits under one", () => {
    const file = join(dir(), "state");
    writeFileSync(file, "");
    for (const d of [file, join(file, "below")]) {
      expect(() => lockStateDir(d)).toThrow(StateStoreError);
      expect(() => lockStateDir(d)).toThrow(
        `file state store "(lock)": STATE_DIR ${d} cannot be used: a file stands where a directory should be`,
      );
    }
  });

  it.skipIf(process.getuid?.() === 0)("names a read-only STATE_DIR", () => {
    const d = dir();
    chmodSync(d, 0o555);
    expect(() => lockStateDir(d)).toThrow(`STATE_DIR ${d} cannot be used: permission denied`);
  });
});

describe("describeDirProblem", () => {
  const err = (code: string) => Object.assign(new Error(`${code}: boom`), { code });
  it.each([
    ["ENOTDIR", "a file stands where a directory should be"],
    ["EROFS", "the filesystem is read-only"],
    ["EACCES", "permission denied"],
    ["ENOSPC", "the disk is full"],
    ["EIO", "EIO: boom"],
  ])("%s", (code, why) => {
    expect(describeDirProblem("/srv/state", err(code))).toBe(
      `STATE_DIR /srv/state cannot be used: ${why}`,
    );
  });
});
