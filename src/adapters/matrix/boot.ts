// Start-up: whoami → display name → allowed-room aliases → the SDK's start() (joined rooms,
// sync filter), which hands over to our sync loop (client.ts). A homeserver that cannot be
// reached is retried in the background through the retry module (start() resolves and
// health says "down"); a rejected access token stops it, since retrying cannot fix it.
import { backoffDelay, type RetryPolicy, sleep, withRetry } from "../../core/retry.ts";
import type { Logger } from "../../log.ts";
import type { BotClient } from "./client.ts";
import { classifyRepeatable, isAuthError, summarizeError } from "./errors.ts";
import type { HealthTracker } from "./health.ts";
import type { Rooms } from "./rooms.ts";
import type { SyncState } from "./sync-state.ts";
import { SYNC_FILTER } from "./sync-wiring.ts";
import type { MatrixIdentity } from "./triggers.ts";

class AccessTokenRejected extends Error {
  constructor(detail: string) {
    super(
      `Matrix: the homeserver rejected the access token (${detail}); check MATRIX_ACCESS_TOKEN`,
    );
    this.name = "AccessTokenRejected";
  }
}

interface BootDeps {
  readonly client: BotClient;
  readonly state: SyncState;
  readonly homeserverUrl: string;
  readonly rooms: Rooms;
  readonly health: HealthTracker;
  readonly logger: Logger;
  /** Waits between start-up attempts while the homeserver is away. */
  readonly policy: RetryPolicy;
  readonly signal: AbortSignal;
  readonly random: () => number;
  /** Who the bot is, known before the first sync is routed (triggers need it). */
  readonly onIdentity: (identity: MatrixIdentity) => void;
}

/** One start-up attempt; resolves with who the bot is. */
async function bootOnce(d: BootDeps): Promise<MatrixIdentity> {
  const userId = await d.client.getUserId();
  await d.state.bindAccount(d.homeserverUrl, userId);
  let displayName: string | null = null;
  try {
    const profile: unknown = await d.client.getUserProfile(userId);
    const name =
      typeof profile === "object" && profile !== null
        ? (profile as Record<string, unknown>).displayname
        : null;
    displayName = typeof name === "string" && name.trim() !== "" ? name : null;
  } catch (e) {
    d.logger.debug({ ...summarizeError(e) }, "no display name; answering to the localpart only");
  }
  d.onIdentity({ userId, displayName });
  await d.rooms.resolveAllowedAliases();
  await d.client.start(SYNC_FILTER);
  d.logger.info({ userId, displayName }, "matrix adapter started");
  return { userId, displayName };
}

function refuseToken(d: BootDeps, e: unknown): never {
  const summary = summarizeError(e);
  d.health.set({ state: "down", detail: "the homeserver rejected the access token" });
  d.logger.error(summary, "matrix access token rejected; not retrying");
  throw new AccessTokenRejected(String(summary.errcode ?? summary.status));
}

/**
 * The first attempt; when the homeserver is away, `background` is what keeps trying (it
 * resolves with the identity, or null once stopped or refused). Throws AccessTokenRejected.
 */
export async function boot(
  d: BootDeps,
): Promise<{ identity: MatrixIdentity } | { background: Promise<MatrixIdentity | null> }> {
  try {
    return { identity: await bootOnce(d) };
  } catch (e) {
    if (isAuthError(e)) refuseToken(d, e);
    const summary = summarizeError(e);
    d.health.set({ state: "down", detail: `cannot reach the homeserver: ${summary.message}` });
    d.logger.error(summary, "matrix start-up failed; retrying in the background");
  }
  // The first retry after the usual first backoff wait, the later ones by withRetry.
  const firstWait = sleep(backoffDelay(0, d.policy.backoff, d.random), d.signal);
  const background = firstWait
    .then(() =>
      withRetry(
        async () => {
          if (d.signal.aborted) throw new Error("matrix adapter stopped during start-up");
          return bootOnce(d);
        },
        d.policy,
        {
          // Whatever went wrong but the token, the homeserver may come back: keep trying.
          classify: (e) => {
            if (isAuthError(e)) return { kind: "refused", detail: "access token rejected" };
            const failure = classifyRepeatable(e);
            return failure.kind === "rate-limited"
              ? failure
              : { kind: "not-sent", detail: failure.detail };
          },
          signal: d.signal,
          random: d.random,
          onRetry: (failure, attempt, waitMs) => {
            d.health.set({
              state: "down",
              detail: `cannot reach the homeserver: ${failure.detail}`,
            });
            d.logger.warn(
              { attempt: attempt + 1, waitMs, detail: failure.detail },
              "matrix start-up failed; retrying",
            );
          },
        },
      ),
    )
    .catch((e: unknown) => {
      if (d.signal.aborted) return null; // stopped while starting: not a failure
      if (isAuthError(e)) {
        try {
          refuseToken(d, e);
        } catch {
          // Logged, and health says why: nothing more to do in the background.
        }
        return null;
      }
      const summary = summarizeError(e);
      d.health.set({ state: "down", detail: `start-up gave up: ${summary.message}` });
      d.logger.error(summary, "matrix start-up gave up");
      return null;
    });
  return { background };
}
