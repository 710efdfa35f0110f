// One Matrix adapter (real matrix-bot-sdk client, real core, catalog and conversation turn,
// the real file store) against the fake homeserver, with short timeouts, a captured log and
// a temp state dir.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ExpectStatic, expect as vitestExpect } from "vitest";
import {
  FakeHomeserver,
  type FakeHomeserverOptions,
  type SentMessage,
} from "../../bench/shared/fakes/homeserver.ts";
import {
  createMatrixAdapter,
  type MatrixAdapterOptions,
  type MatrixChatAdapter,
} from "../../src/adapters/matrix/adapter.ts";
import { SYNC_NAMESPACE } from "../../src/adapters/matrix/sync-state.ts";
import type { MatrixConfig } from "../../src/config.ts";
import type { AdapterHealth, AnsweredRequest } from "../../src/core/adapter.ts";
import type { Core } from "../../src/core/answer.ts";
import { loadCatalog } from "../../src/core/catalog.ts";
import { createLibrary, type Library } from "../../src/core/library.ts";
import { createRateLimiter, type RateLimiter } from "../../src/core/rate-limit.ts";
import { type ConversationTurn, createTurn } from "../../src/core/turn.ts";
import { createLogger } from "../../src/log.ts";
import { createFileStore, namespaceFile } from "../../src/persist/file-store.ts";
import { MATRIX_HARNESS_TOKEN } from "./secrets.ts";
import { sharedLibrary } from "./shared-libraries.ts";

export const TOKEN = MATRIX_HARNESS_TOKEN;

let shared: Library | null = null;
/** The real catalog's library, built once per worker (shared-libraries.ts). */
export function realLibrary(): Library {
  shared ??= sharedLibrary(
    "realLibrary() (matrix-harness.ts)",
    createLibrary({ catalog: loadCatalog(), timeZone: "UTC" }),
  );
  return shared;
}
/** The real core over the real catalog. */
export const realCore = (): Core => realLibrary().current();

/** Timeouts short enough for tests; everything else is the adapter's default. */
export const FAST: MatrixAdapterOptions = {
  sync: {
    timeoutMs: 200,
    requestTimeoutMs: 1_500,
    initialRequestTimeoutMs: 1_500,
    backoff: { initialMs: 20, maxMs: 150 },
    downAfterFailures: 3,
  },
  send: { backoff: { initialMs: 10, maxMs: 50 }, maxWaitMs: 3_000, requestTimeoutMs: 1_500 },
  retry: { backoff: { initialMs: 10, maxMs: 100 } },
  stopTimeoutMs: 1_000,
};

interface HarnessOptions {
  readonly hs?: FakeHomeserverOptions;
  readonly config?: Partial<MatrixConfig>;
  readonly adapter?: MatrixAdapterOptions;
  readonly rateLimiter?: RateLimiter;
  /** The conversation turn; a real one over the real catalog by default. */
  readonly turn?: ConversationTurn;
  readonly observer?: (r: AnsweredRequest) => void;
}

export class Harness {
  adapter: MatrixChatAdapter;
  readonly logs: string[] = [];
  readonly observed: AnsweredRequest[] = [];
  readonly healthSeen: AdapterHealth["state"][] = [];
  #healthTimer: NodeJS.Timeout | null = null;

  private constructor(
    readonly hs: FakeHomeserver,
    readonly stateDir: string,
    private readonly options: HarnessOptions,
  ) {
    this.adapter = this.newAdapter();
  }

  static async create(options: HarnessOptions = {}): Promise<Harness> {
    const hs = await FakeHomeserver.start({ accessToken: TOKEN, ...options.hs });
    const stateDir = await mkdtemp(join(tmpdir(), "virt-talks-matrix-"));
    return new Harness(hs, stateDir, options);
  }

  get config(): MatrixConfig {
    return {
      homeserverUrl: this.hs.url,
      accessToken: TOKEN,
      allowedServers: [],
      allowedRooms: [],
      subscribeMinPower: 50,
      ...this.options.config,
    };
  }

  /** A fresh adapter over the same homeserver and state dir (a restart). */
  newAdapter(extra: MatrixAdapterOptions = {}): MatrixChatAdapter {
    const logger = createLogger({
      level: "trace",
      pretty: false,
      secrets: [TOKEN],
      destination: { write: (line: string) => void this.logs.push(line) },
    });
    return createMatrixAdapter(
      this.config,
      {
        turn:
          this.options.turn ??
          createTurn({
            library: realLibrary(),
            rateLimiter: this.options.rateLimiter ?? createRateLimiter(),
          }),
        logger,
        observer: {
          answered: (r) => {
            this.observed.push(r);
            this.options.observer?.(r);
          },
        },
        state: createFileStore({ dir: this.stateDir, logger }),
      },
      { ...FAST, ...this.options.adapter, ...extra },
    );
  }

  /** Starts the adapter and waits for its first successful sync. */
  async start(): Promise<void> {
    await this.adapter.start();
    this.#healthTimer ??= setInterval(() => {
      const s = this.adapter.health().state;
      if (this.healthSeen.at(-1) !== s) this.healthSeen.push(s);
    }, 5);
    await this.hs.until(() => this.adapter.health().state === "up", "first sync");
  }

  /** Waits until the bot has synced past everything injected so far. */
  async synced(): Promise<void> {
    const target = this.hs.position;
    await this.hs.until(
      () => this.hs.lastSince !== null && this.hs.lastSince >= target,
      `sync past position ${target}`,
    );
  }

  /** The sync token stored in the state dir (null before the first commit). */
  async storedToken(): Promise<string | null> {
    try {
      const file = JSON.parse(
        await readFile(namespaceFile(this.stateDir, SYNC_NAMESPACE), "utf8"),
      ) as { entries: Record<string, { value: string }> };
      return file.entries.token?.value ?? null;
    } catch {
      return null;
    }
  }

  /** Waits until the stored token is past everything injected so far (synced and saved). */
  async committed(timeoutMs = 5_000): Promise<void> {
    const target = this.hs.position;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const token = await this.storedToken();
      if (token !== null && Number(token.slice(1)) >= target) return;
      if (Date.now() > deadline) throw new Error(`no token committed past position ${target}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async restart(extra: MatrixAdapterOptions = {}): Promise<void> {
    await this.adapter.stop();
    this.adapter = this.newAdapter(extra);
    await this.start();
  }

  /**
   * Whatever a test did: no message pinged anyone, the token went nowhere it shouldn't
   * (URLs, the log), and the bot called no endpoint the fake does not know.
   */
  expectClean(expect: ExpectStatic = vitestExpect): void {
    for (const s of this.hs.sent) expect(s.content["m.mentions"]).toEqual({});
    expect(this.hs.tokenLeaks).toEqual([]);
    expect(this.logText()).not.toContain(TOKEN);
    expect(this.hs.unknown).toEqual([]);
  }

  logText(): string {
    return this.logs.join("");
  }

  logEntries(): Record<string, unknown>[] {
    return this.logs.map((l) => JSON.parse(l) as Record<string, unknown>);
  }

  async close(): Promise<void> {
    if (this.#healthTimer) clearInterval(this.#healthTimer);
    await this.adapter.stop();
    await this.hs.close();
    await rm(this.stateDir, { recursive: true, force: true });
  }
}

/** The event a message replies to (m.in_reply_to), if it is a reply. */
export const replyTo = (s: SentMessage | undefined) =>
  (s?.content["m.relates_to"] as { "m.in_reply_to"?: { event_id?: string } } | undefined)?.[
    "m.in_reply_to"
  ]?.event_id;

export const alice = "@alice:fake.test";
export const bob = "@bob:fake.test";
