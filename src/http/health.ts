// GET /healthz: what an operator (or a load balancer) needs to know at a glance.
import type { AdapterHealth } from "../core/adapter.ts";
import type { Platform } from "../core/platform.ts";
import type { SourceStatus } from "../sources/syncer.ts";
import type { DestinationStatus } from "../totd/daily-post.ts";

/** Which state store the bot uses: "file" (STATE_DIR) or "postgres" (DATABASE_URL). */
export interface StoreInfo {
  readonly kind: string;
  /** The directory, or host:port/database and schema (never a password). */
  readonly where: string;
}

/** This replica among several sharing PostgreSQL (src/app/replica.ts). */
export interface ReplicaStatus {
  /** Whether the last ping on the pool answered; unreachable makes /healthz degraded. */
  readonly database: "reachable" | "unreachable";
  /** With Matrix: whether this replica holds the matrix-sync lease (syncs) or stands by. */
  readonly role?: "syncer" | "standby";
  /** The lease's epoch while this replica holds it, else null. */
  readonly epoch?: number | null;
  /**
   * The daily post's claims since start, once there were any: won (this replica worked on
   * the destination: it posted, looked, or found it done) and lost (another replica was).
   */
  readonly dailyPostClaims?: { readonly won: number; readonly lost: number };
}

interface HealthSources {
  adapters(): Partial<Record<Platform, AdapterHealth>>;
  catalogTalks(): number;
  /** The catalog's version (talk count and hash), so replicas can be compared. */
  catalogVersion?(): string;
  /** null when no daily-post destination is configured. */
  totd(): Record<string, DestinationStatus> | null;
  readonly store?: StoreInfo;
  /** CATALOG_DIRS files left out at load (each names file, record and field). */
  catalogProblems?(): readonly LeftOut[];
  /** The schedule sources the bot syncs (null: none configured). */
  sources?(): readonly SourceStatus[] | null;
  /** Replicas on DATABASE_URL: role, lease epoch, database reachability (null: file store). */
  replica?(): ReplicaStatus | null;
}

/** A catalog file left out of the catalog in use. */
interface LeftOut {
  readonly file: string;
  readonly record: string;
  readonly field: string;
  readonly problem: string;
}

export interface HealthBody {
  readonly status: "ok" | "degraded" | "down";
  readonly adapters: Partial<Record<Platform, AdapterHealth>>;
  readonly catalog: {
    readonly talks: number;
    readonly version?: string;
    readonly leftOut?: readonly LeftOut[];
  };
  readonly totd: { readonly destinations: Record<string, DestinationStatus> };
  readonly store?: StoreInfo;
  readonly sources?: readonly SourceStatus[];
  readonly replica?: ReplicaStatus;
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
  const leftOut = (sources.catalogProblems?.() ?? []).map(({ file, record, field, problem }) => ({
    file,
    record,
    field,
    problem,
  }));
  const syncing = sources.sources?.() ?? null;
  const replica = sources.replica?.() ?? null;
  const version = sources.catalogVersion?.();
  // A catalog file left out: the rest is served (200), but the operator must look; so must
  // they when the shared database stopped answering (claims and the Matrix lease wait on it).
  const degraded =
    states.some((s) => s === "degraded" || s === "starting") ||
    leftOut.length > 0 ||
    replica?.database === "unreachable";
  return {
    statusCode: down ? 503 : 200,
    body: {
      status: down ? "down" : degraded ? "degraded" : "ok",
      adapters,
      catalog: {
        talks: sources.catalogTalks(),
        ...(version ? { version } : {}),
        ...(leftOut.length ? { leftOut } : {}),
      },
      totd: { destinations: sources.totd() ?? {} },
      ...(sources.store ? { store: sources.store } : {}),
      ...(syncing ? { sources: syncing } : {}),
      ...(replica ? { replica } : {}),
    },
  };
}
