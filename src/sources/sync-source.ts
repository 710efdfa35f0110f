// One sync of one source: conditional fetch, then the importer's own merge rules. Returns
// what happened and the source's next state; never throws for a bad source (a DNS error,
// a 5xx, a truncated or empty export are failures that keep the last good talks).
import type { FileReport } from "../import/import.ts";
import { ImportError } from "../import/types.ts";
import { type FetchOutcome, SourceFetchError, type Validators } from "./fetch-changed.ts";
import { bodyDigest, type SourceState } from "./source-state.ts";
import type { SourceEntry } from "./sources-file.ts";

export type SyncResult =
  | { readonly kind: "unchanged" }
  | {
      readonly kind: "changed";
      readonly added: readonly string[];
      readonly updated: readonly string[];
      /** Talks the source now says are cancelled: removed from the catalog, as `import` does. */
      readonly cancelled: readonly string[];
      /** Talks the source no longer lists: kept in the catalog, as `import` keeps them. */
      readonly notListed: readonly string[];
      readonly eventIds: readonly string[];
    }
  | { readonly kind: "failed"; readonly error: string; readonly retryAfterMs: number | null };

export interface SyncDeps {
  readonly fetch: (url: string, validators: Validators) => Promise<FetchOutcome>;
  /** Merges the body into the catalog folder with `import`'s rules and writes it. */
  readonly importText: (entry: SourceEntry, text: string) => Promise<readonly FileReport[]>;
}

export async function syncSource(
  entry: SourceEntry,
  state: SourceState,
  deps: SyncDeps,
  now: number,
): Promise<{ readonly result: SyncResult; readonly state: SourceState }> {
  const attempted: SourceState = { ...state, lastAttempt: now };
  try {
    const validators: Validators = {
      ...(state.etag ? { etag: state.etag } : {}),
      ...(state.lastModified ? { lastModified: state.lastModified } : {}),
    };
    const fetched = await deps.fetch(entry.url, validators);
    const ok = { ...attempted, lastSuccess: now, failures: 0 };
    if (fetched.kind === "unchanged") return { result: { kind: "unchanged" }, state: ok };
    const digest = bodyDigest(fetched.text);
    const remembered: SourceState = {
      ...withoutValidators(ok),
      ...fetched.validators,
      digest,
    };
    if (digest === state.digest) return { result: { kind: "unchanged" }, state: remembered };
    const reports = await deps.importText(entry, fetched.text);
    const eventIds = reports.map((r) => r.eventId);
    const next: SourceState = { ...remembered, eventIds };
    if (!reports.some((r) => r.changed)) return { result: { kind: "unchanged" }, state: next };
    const result: SyncResult = {
      kind: "changed",
      added: reports.flatMap((r) => r.added),
      updated: reports.flatMap((r) => r.updated),
      cancelled: reports.flatMap((r) => r.removed),
      notListed: reports.flatMap((r) => r.kept),
      eventIds,
    };
    return { result, state: { ...next, lastChange: now } };
  } catch (err) {
    const known = err instanceof SourceFetchError || err instanceof ImportError;
    if (!known) throw err;
    const failed: SourceState = {
      ...attempted,
      failures: state.failures + 1,
      lastError: err.message,
      lastErrorAt: now,
    };
    const retryAfterMs = err instanceof SourceFetchError ? err.retryAfterMs : null;
    return { result: { kind: "failed", error: err.message, retryAfterMs }, state: failed };
  }
}

function withoutValidators(state: SourceState): SourceState {
  const { etag: _etag, lastModified: _lastModified, ...rest } = state;
  return rest;
}
