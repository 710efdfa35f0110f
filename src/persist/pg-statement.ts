// Running one statement of the PostgreSQL store: tried again on a fresh connection when
// the connection or the server went away (src/core/retry.ts), counted for /metrics, and
// any failure but a lost lease reported as the StateStoreError callers expect. Apart from
// pg-store.ts so the store only says what to run.
import { type Failure, type RetryPolicy, withRetry } from "../core/retry.ts";
import { StateStoreError } from "../core/state-store.ts";
import type { Logger } from "../log.ts";
import { classifyPgError, pgErrorText } from "./pg-errors.ts";
import type { Fence } from "./pg-sql.ts";

/** A fenced write refused: the lease it was fenced by has moved on (another epoch). */
export class LeaseLostError extends StateStoreError {
  constructor(namespace: string, fence: Fence) {
    super(
      namespace,
      `lease "${fence.lease}" is no longer held by ${fence.holder} at epoch ${fence.epoch}; write refused`,
      { store: "postgres" },
    );
    this.name = "LeaseLostError";
  }
}

// A statement whose connection failed is tried again for up to 15 s (a PostgreSQL restart
// or failover takes seconds): an answer waits for its claim rather than go out without
// one and risk a double.
export const PG_RETRY: RetryPolicy = {
  attempts: 4,
  backoff: { initialMs: 50, maxMs: 1_000 },
  maxWaitMs: 1_000,
  idempotent: true,
  patienceMs: 15_000,
};

interface StatementRunnerOptions {
  /** `host:port/database`, for log lines and error messages. */
  readonly target: string;
  readonly logger: Logger;
  /** Retries of a statement whose connection failed; PG_RETRY without it. */
  readonly retry?: RetryPolicy;
  /** Called for every failed statement, retried or not (the /metrics counter). */
  readonly onDatabaseError?: () => void;
}

/**
 * Runs `op` (given its attempt number, from 1) in `namespace` under the retry policy.
 * `what` names the statement in log lines and errors. A LeaseLostError is a refusal,
 * never retried nor counted, and reaches the caller as itself.
 */
export type StatementRunner = <T>(
  namespace: string,
  what: string,
  op: (attempt: number) => Promise<T>,
  policy?: RetryPolicy,
) => Promise<T>;

export function createStatementRunner(options: StatementRunnerOptions): StatementRunner {
  const { target, logger } = options;
  return async (namespace, what, op, policy = options.retry ?? PG_RETRY) => {
    let attempt = 0;
    try {
      const counted = () =>
        op(++attempt).catch((err: unknown) => {
          if (!(err instanceof LeaseLostError)) options.onDatabaseError?.();
          throw err;
        });
      return await withRetry(counted, policy, {
        classify: (err) =>
          err instanceof LeaseLostError
            ? { kind: "refused", detail: "lease lost" }
            : classifyPgError(err),
        onRetry: (failure: Failure, n: number, delayMs: number) =>
          logger.warn(
            { database: target, namespace, what, failure: failure.detail, attempt: n, delayMs },
            "database statement failed; trying again",
          ),
      });
    } catch (err) {
      if (err instanceof LeaseLostError) throw err;
      throw new StateStoreError(namespace, `${what} failed on ${target}: ${pgErrorText(err)}`, {
        store: "postgres",
        cause: err,
      });
    }
  };
}
