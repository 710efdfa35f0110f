// What a failed delivery attempt says (delivery.ts): the error, what the platform asked us
// to wait, and whether the send may still have arrived (then it is looked for, not repeated).
import { DeliveryError } from "../core/post-port.ts";
import type { Failure } from "../core/retry.ts";

/** Why an attempt failed, and what the platform asked us to wait. */
export interface Failed {
  readonly error: string;
  readonly retryAfterMs: number | null;
  /** When it may still have reached the platform: the instant it was sent (looks start there). */
  readonly mayHaveArrived: string | null;
  /** Not a failure: an earlier send may still be on its way (send-settle.ts); look later. */
  readonly waiting?: true;
}

/** An error that is not a DeliveryError may have reached the platform: the safe reading. */
export function classify(err: unknown): { failure: Failure["kind"]; retryAfterMs: number | null } {
  return err instanceof DeliveryError
    ? { failure: err.failure.kind, retryAfterMs: err.retryAfterMs }
    : { failure: "unknown", retryAfterMs: null };
}
