// Replicas as processes for bench:replicas: each one the dist/ bundle `npm start` runs
// (bench/shared/bot-process.ts), with its own port and STATE_DIR; with a PostgreSQL schema
// they share it (DATABASE_URL + DATABASE_SCHEMA), without one each is a lone bot on the
// file store. Readiness is /healthz answering 200 with the wanted adapters "up".
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { ROOT } from "../shared/bot-command.ts";
import { type BotChild, freePort, spawnBot } from "../shared/bot-process.ts";

export interface Replica {
  readonly bot: BotChild;
  readonly port: number;
  readonly stateDir: string;
}

export interface FleetOptions {
  /** Chat adapters and everything else the replicas share (tokens, fake URLs). */
  readonly env: Readonly<Record<string, string>>;
  /** PostgreSQL (url and schema) shared by every replica; null: each on its own files. */
  readonly database: { readonly url: string; readonly schema: string } | null;
  /** Adapters that must report "up" before a replica counts as ready. */
  readonly adapters: readonly ("slack" | "matrix")[];
}

export interface Fleet {
  readonly replicas: Replica[];
  /** Spawns one more replica (on `stateDir`: a restart) and waits until it is ready. */
  add(stateDir?: string): Promise<Replica>;
  /** SIGKILLs `replica` and forgets it. */
  kill(replica: Replica): Promise<void>;
  /** /healthz's body of a replica, or null when it does not answer. */
  health(replica: Replica): Promise<HealthBody | null>;
  /** SIGKILLs every replica left and removes their folders. */
  close(): Promise<void>;
}

export interface HealthBody {
  readonly adapters?: Record<string, { state?: string }>;
  readonly replica?: { role?: string; epoch?: number | null };
}

const READY_TIMEOUT_MS = 45_000;

export function startFleet(options: FleetOptions): Fleet {
  const dir = mkdtempSync(join(tmpdir(), "virt-talks-bench-fleet-"));
  const replicas: Replica[] = [];
  let serial = 0;

  async function health(r: Replica): Promise<HealthBody | null> {
    try {
      const res = await fetch(`http://127.0.0.1:${r.port}/healthz`, {
        signal: AbortSignal.timeout(2_000),
      });
      return res.status === 200 ? ((await res.json()) as HealthBody) : null;
    } catch {
      return null;
    }
  }

  async function add(stateDir = join(dir, `state-${serial + 1}`)): Promise<Replica> {
    const port = await freePort();
    const n = ++serial;
    const bot = spawnBot({
      root: ROOT,
      env: {
        PATH: process.env.PATH ?? "/usr/bin:/bin",
        ...(process.env.HOME ? { HOME: process.env.HOME } : {}),
        NODE_ENV: "production",
        LOG_LEVEL: "warn",
        HOST: "127.0.0.1",
        PORT: String(port),
        STATE_DIR: stateDir,
        DATA_DIR: "",
        TOTD_SLACK_CHANNELS: "",
        TOTD_MATRIX_ROOMS: "",
        ...options.env,
        ...(options.database
          ? { DATABASE_URL: options.database.url, DATABASE_SCHEMA: options.database.schema }
          : {}),
      },
    });
    const replica = { bot, port, stateDir };
    replicas.push(replica);
    const exited = bot.exited.then(() => true);
    while (performance.now() - bot.spawnedAt < READY_TIMEOUT_MS) {
      const body = await health(replica);
      if (body && options.adapters.every((a) => body.adapters?.[a]?.state === "up")) return replica;
      if (await Promise.race([exited, sleep(50).then(() => false)]))
        throw new Error(`replica ${n} exited before it was ready\n${bot.tail()}`);
    }
    throw new Error(`replica ${n} not ready within ${READY_TIMEOUT_MS} ms\n${bot.tail()}`);
  }

  async function kill(replica: Replica): Promise<void> {
    const i = replicas.indexOf(replica);
    if (i >= 0) replicas.splice(i, 1);
    if (replica.bot.child.exitCode === null && replica.bot.child.signalCode === null)
      replica.bot.child.kill("SIGKILL");
    await replica.bot.exited;
  }

  return {
    replicas,
    add,
    kill,
    health,
    async close() {
      await Promise.all([...replicas].map(kill));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
