// The bot's metrics on prom-client: the process's own (CPU, memory, event loop, GC) and the
// bot's counters, rendered in the Prometheus text exposition format (version 0.0.4).
import {
  Counter,
  collectDefaultMetrics,
  Gauge,
  Histogram,
  prometheusContentType,
  Registry,
} from "prom-client";
import type { AnsweredRequest } from "../core/adapter.ts";
import type { DailyPostObserver, PostPlatform } from "../totd/daily-post.ts";
import { createReplicaCounters, type ReplicaCounters } from "./replica-metrics.ts";

export const METRICS_CONTENT_TYPE = prometheusContentType;

/** Upper bounds (seconds) of the latency histogram buckets; +Inf is implied. */
export const LATENCY_BUCKETS: readonly number[] = Object.freeze([
  0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1,
]);

const OUTCOMES: readonly AnsweredRequest["outcome"][] = ["ok", "error", "rate-limited"];
const POST_RESULTS = ["sent", "failed"] as const;

/** Talk-of-the-day destinations in one platform, source and state (a /metrics gauge). */
export interface SubscriptionCount {
  readonly platform: PostPlatform;
  readonly source: string;
  readonly state: string;
  readonly count: number;
}

export interface Metrics extends DailyPostObserver {
  request(request: AnsweredRequest): void;
  setCatalogTalks(count: number): void;
  /** Where the subscription gauge reads its figures at each scrape. */
  setSubscriptions(read: () => readonly SubscriptionCount[]): void;
  /** The exposition text for one scrape (process metrics first, then the bot's). */
  render(): Promise<string>;
  /** This bot's own series (not the process's), for reading samples with prom-client's API. */
  readonly registry: Registry;
  /** Claims, takeovers and database errors (replicas on DATABASE_URL). */
  readonly replica: ReplicaCounters;
}

interface MetricsOptions {
  /** Chat platforms in use: their request series start at 0 so rate() works at once. */
  readonly platforms?: readonly AnsweredRequest["platform"][];
  /** Platforms with daily-post destinations: their post counters start at 0 too. */
  readonly postPlatforms?: readonly PostPlatform[];
  /** Replicas on DATABASE_URL: expose claims, takeovers and database errors. */
  readonly replicas?: boolean;
}

let processRegistry: Registry | null = null;

/**
 * The process metrics, registered once per process: they describe the process, not a bot,
 * and prom-client starts an event-loop monitor and a GC observer for each registration that
 * nothing can stop, so a registration per bot would pile up in a process running several
 * (the tests). Not prom-client's global registry: nothing else may write to ours.
 */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** One bot's metrics, in a registry of its own so several bots in one process never collide. */
export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  const registers = [registry];
  const requests = new Counter({
    name: "virt_talks_requests_total",
    help: "Chat requests answered or refused, by platform and outcome.",
    labelNames: ["platform", "outcome"] as const,
    registers,
  });
  const latency = new Histogram({
    name: "virt_talks_search_latency_seconds",
    help: "Time from a chat request to its answer, by platform (rate-limited requests excluded).",
    labelNames: ["platform"] as const,
    buckets: [...LATENCY_BUCKETS],
    registers,
  });
  const posts = new Counter({
    name: "virt_talks_daily_posts_total",
    help: "Talk-of-the-day send attempts, by platform and result (failed counts every failed try).",
    labelNames: ["platform", "result"] as const,
    registers,
  });
  const catalogTalks = new Gauge({
    name: "virt_talks_catalog_talks",
    help: "Talks in the loaded catalog.",
    registers,
  });
  let subscriptions: () => readonly SubscriptionCount[] = () => [];
  new Gauge({
    name: "virt_talks_subscriptions",
    help: "Talk-of-the-day destinations, by platform, source (operator or chat) and state (active or paused).",
    labelNames: ["platform", "source", "state"] as const,
    registers,
    collect() {
      // Read at each scrape; a destination set that emptied leaves no stale series behind.
      this.reset();
      for (const s of subscriptions()) {
        this.set({ platform: s.platform, source: s.source, state: s.state }, s.count);
      }
    },
  });
  catalogTalks.set(0);
  for (const platform of options.platforms ?? []) {
    for (const outcome of OUTCOMES) requests.inc({ platform, outcome }, 0);
    latency.zero({ platform });
  }
  for (const platform of options.postPlatforms ?? []) {
    for (const result of POST_RESULTS) posts.inc({ platform, result }, 0);
  }
  // Only replicas on a database show them: a lone process's /metrics stays as it was.
  const replica = createReplicaCounters(options.replicas ? registers : []);
  const exposition = Registry.merge([processMetrics(), registry]);

  return {
    request(r) {
      requests.inc({ platform: r.platform, outcome: r.outcome });
      // A rate-limited request is refused before any search: it would only skew the latencies.
      if (r.outcome === "rate-limited" || !Number.isFinite(r.latencyMs) || r.latencyMs < 0) return;
      latency.observe({ platform: r.platform }, r.latencyMs / 1000);
    },
    dailyPost(platform, result) {
      posts.inc({ platform, result });
    },
    setCatalogTalks(count) {
      catalogTalks.set(count);
    },
    setSubscriptions(read) {
      subscriptions = read;
    },
    render: () => exposition.metrics(),
    registry,
    replica,
  };
}
