// GET /healthz: what an operator (or a load balancer) needs to know at a glance.
import type { AdapterHealth } from "../core/adapter.ts";
import type { Platform } from "../core/platform.ts";
import type { DestinationStatus } from "../totd/daily-post.ts";

/** Which state store the bot uses: "file" (STATE_DIR) or "postgres" (DATABASE_URL). */
export interface StoreInfo {
  readonly kind: string;
  /** The directory, or host:port/database and schema (never a password). */
  readonly where: string;
}

export interface HealthSources {
  adapters(): Partial<Record<Platform, AdapterHealth>>;
  catalogTalks(): number;
  /** null when no daily-post destination is configured. */
  totd(): Record<string, DestinationStatus> | null;
  readonly store?: StoreInfo;
}

export interface HealthBody {
  readonly status: "ok" | "degraded" | "down";
  readonly adapters: Partial<Record<Platform, AdapterHealth>>;
  readonly catalog: { readonly talks: number };
  readonly totd: { readonly destinations: Record<string, DestinationStatus> };
  readonly store?: StoreInfo;
}

export interface HealthReport {
  readonly statusCode: 200 | 503;
  readonly body: HealthBody;
}

/** 503 as soon as any adapter is down (or stopped): a load balancer should look elsewhere. */
export function healthReport(sources: HealthSources): HealthReport {
  const adapters = sources.adapters();
  const states = Object.values(adapters).map((a) => a.state);
  const down = states.some((s) => s === "down" || s === "stopped");
  const degraded = states.some((s) => s === "degraded" || s === "starting");
  return {
    statusCode: down ? 503 : 200,
    body: {
      status: down ? "down" : degraded ? "degraded" : "ok",
      adapters,
      catalog: { talks: sources.catalogTalks() },
      totd: { destinations: sources.totd() ?? {} },
      ...(sources.store ? { store: sources.store } : {}),
    },
  };
}
