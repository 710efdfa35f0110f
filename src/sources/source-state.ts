// What the bot remembers of each source between fetches and across restarts: the
// validators and digest of the last good body (so "unchanged" costs nothing), when it last
// succeeded and failed, the failure streak (backoff, one log line per streak) and which
// events it filled (the conference week decides the refresh rate).
import { createHash } from "node:crypto";
import { z } from "zod";
import type { Validate } from "../core/state-store.ts";

const SourceStateSchema = z.object({
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  /** sha256 of the last good body: a server without validators still costs no import. */
  digest: z.string().optional(),
  lastAttempt: z.number().optional(),
  lastSuccess: z.number().optional(),
  /** The last sync that changed the catalog. */
  lastChange: z.number().optional(),
  lastError: z.string().optional(),
  lastErrorAt: z.number().optional(),
  /** Failed attempts since the last success. */
  failures: z.number().int().min(0).default(0),
  eventIds: z.array(z.string()).default([]),
});
export type SourceState = z.infer<typeof SourceStateSchema>;

export const SOURCES_NAMESPACE = "sources";

export const validateSourceState: Validate<SourceState> = (raw) => {
  const parsed = SourceStateSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
};

export const NEW_SOURCE_STATE: SourceState = Object.freeze({ failures: 0, eventIds: [] });

/** The state key of a source: a hash, so no credential in a URL is stored twice. */
export function sourceKey(url: string): string {
  return createHash("sha256").update(url).digest("hex").slice(0, 32);
}

export function bodyDigest(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
