// The bot's metrics, rendered in the Prometheus text exposition format (version 0.0.4) by
// hand: four series do not justify a client library.
import type { AnsweredRequest } from "../core/adapter.ts";
import type { DailyPostObserver, PostPlatform } from "../totd/daily-post.ts";

export const METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

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
  render(): string;
}

export interface MetricsOptions {
  /** Chat platforms in use: their request counters start at 0 so rate() works at once. */
  readonly platforms?: readonly AnsweredRequest["platform"][];
  /** Platforms with daily-post destinations: their post counters start at 0 too. */
  readonly postPlatforms?: readonly PostPlatform[];
}

export function createMetrics(options: MetricsOptions = {}): Metrics {
  const requests = new Map<string, number>();
  const posts = new Map<string, number>();
  const buckets = LATENCY_BUCKETS.map(() => 0);
  let latencyCount = 0;
  let latencySum = 0;
  let catalogTalks = 0;
  let subscriptions: () => readonly SubscriptionCount[] = () => [];

  const requestKey = (platform: string, outcome: string) => labels({ platform, outcome });
  const postKey = (platform: string, result: string) => labels({ platform, result });
  for (const p of options.platforms ?? [])
    for (const o of OUTCOMES) requests.set(requestKey(p, o), 0);
  for (const p of options.postPlatforms ?? [])
    for (const r of POST_RESULTS) posts.set(postKey(p, r), 0);

  const inc = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

  return {
    request(r) {
      inc(requests, requestKey(r.platform, r.outcome));
      // A rate-limited request is refused before any search: it would only skew the latencies.
      if (r.outcome === "rate-limited" || !Number.isFinite(r.latencyMs) || r.latencyMs < 0) return;
      const seconds = r.latencyMs / 1000;
      latencyCount++;
      latencySum += seconds;
      LATENCY_BUCKETS.forEach((le, i) => {
        if (seconds <= le) buckets[i]!++;
      });
    },
    dailyPost(platform, result) {
      inc(posts, postKey(platform, result));
    },
    setCatalogTalks(count) {
      catalogTalks = count;
    },
    setSubscriptions(read) {
      subscriptions = read;
    },
    render() {
      const out: string[] = [];
      family(
        out,
        "virt_talks_requests_total",
        "counter",
        "Chat requests answered or refused, by platform and outcome.",
      );
      for (const [key, value] of requests) out.push(`virt_talks_requests_total${key} ${value}`);

      family(
        out,
        "virt_talks_search_latency_seconds",
        "histogram",
        "Time from a chat request to its answer (rate-limited requests excluded).",
      );
      LATENCY_BUCKETS.forEach((le, i) => {
        out.push(`virt_talks_search_latency_seconds_bucket{le="${le}"} ${buckets[i]}`);
      });
      out.push(`virt_talks_search_latency_seconds_bucket{le="+Inf"} ${latencyCount}`);
      out.push(`virt_talks_search_latency_seconds_sum ${latencySum}`);
      out.push(`virt_talks_search_latency_seconds_count ${latencyCount}`);

      family(
        out,
        "virt_talks_daily_posts_total",
        "counter",
        "Talk-of-the-day send attempts, by platform and result (failed counts every failed try).",
      );
      for (const [key, value] of posts) out.push(`virt_talks_daily_posts_total${key} ${value}`);

      family(out, "virt_talks_catalog_talks", "gauge", "Talks in the loaded catalog.");
      out.push(`virt_talks_catalog_talks ${catalogTalks}`);

      family(
        out,
        "virt_talks_subscriptions",
        "gauge",
        "Talk-of-the-day destinations, by platform, source (operator or chat) and state (active or paused).",
      );
      for (const s of subscriptions()) {
        const key = labels({ platform: s.platform, source: s.source, state: s.state });
        out.push(`virt_talks_subscriptions${key} ${s.count}`);
      }
      return `${out.join("\n")}\n`;
    },
  };
}

function family(out: string[], name: string, type: string, help: string): void {
  out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
}

/** `{a="1",b="2"}` with label values escaped as the exposition format requires. */
function labels(values: Record<string, string>): string {
  const parts = Object.entries(values).map(
    ([k, v]) => `${k}="${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`,
  );
  return `{${parts.join(",")}}`;
}
