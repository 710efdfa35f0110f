// The metrics on prom-client: the bot's families exactly as Prometheus reads them, after
// the process's own; counters per label set; a latency histogram per platform whose buckets
// are cumulative; one registry per bot. Samples are read with prom-client's registry API.
import { describe, expect, it } from "vitest";
import { createRequestObserver } from "../../src/app/observer.ts";
import { createMetrics, LATENCY_BUCKETS, type Metrics } from "../../src/http/metrics.ts";
import { captureLogger, LEVEL } from "../support/totd-helpers.ts";

/** The bot's part of a scrape: everything from its first family on. */
async function botText(metrics: Metrics): Promise<string> {
  const text = await metrics.render();
  return text.slice(text.indexOf("# HELP virt_talks_"));
}

/** One sample's value, or undefined when the series does not exist. */
async function sample(
  metrics: Metrics,
  family: string,
  labels: Record<string, string | number> = {},
  metricName = family,
): Promise<number | undefined> {
  const metric = metrics.registry.getSingleMetric(family);
  expect(metric, `no family ${family}`).toBeDefined();
  // Counters and gauges name no sample; a histogram names each (_bucket, _sum, _count).
  const { values }: { values: readonly { value: number; labels: object; metricName?: string }[] } =
    await metric!.get();
  const wanted = JSON.stringify(Object.entries(labels).sort());
  const found = values.filter(
    (v) =>
      (v.metricName ?? family) === metricName &&
      JSON.stringify(Object.entries(v.labels).sort()) === wanted,
  );
  expect(found.length).toBeLessThanOrEqual(1);
  return found[0]?.value;
}

describe("metrics", () => {
  it("renders the bot's families after the process's, zeroed for the platforms in use", async () => {
    const metrics = createMetrics({ platforms: ["matrix"], postPlatforms: ["matrix"] });
    expect(await botText(metrics)).toBe(
      `# HELP virt_talks_requests_total Chat requests answered or refused, by platform and outcome.
# TYPE virt_talks_requests_total counter
virt_talks_requests_total{platform="matrix",outcome="ok"} 0
virt_talks_requests_total{platform="matrix",outcome="error"} 0
virt_talks_requests_total{platform="matrix",outcome="rate-limited"} 0

# HELP virt_talks_search_latency_seconds Time from a chat request to its answer, by platform (rate-limited requests excluded).
# TYPE virt_talks_search_latency_seconds histogram
virt_talks_search_latency_seconds_bucket{le="0.001",platform="matrix"} 0
virt_talks_search_latency_seconds_bucket{le="0.0025",platform="matrix"} 0
virt_talks_search_latency_seconds_bucket{le="0.005",platform="matrix"} 0
virt_talks_search_latency_seconds_bucket{le="0.01",platform="matrix"} 0
virt_talks_search_latency_seconds_bucket{le="0.025",platform="matrix"} 0
virt_talks_search_latency_seconds_bucket{le="0.05",platform="matrix"} 0
virt_talks_search_latency_seconds_bucket{le="0.1",platform="matrix"} 0
virt_talks_search_latency_seconds_bucket{le="0.25",platform="matrix"} 0
virt_talks_search_latency_seconds_bucket{le="0.5",platform="matrix"} 0
virt_talks_search_latency_seconds_bucket{le="1",platform="matrix"} 0
virt_talks_search_latency_seconds_bucket{le="+Inf",platform="matrix"} 0
virt_talks_search_latency_seconds_sum{platform="matrix"} 0
virt_talks_search_latency_seconds_count{platform="matrix"} 0

# HELP virt_talks_daily_posts_total Talk-of-the-day send attempts, by platform and result (failed counts every failed try).
# TYPE virt_talks_daily_posts_total counter
virt_talks_daily_posts_total{platform="matrix",result="sent"} 0
virt_talks_daily_posts_total{platform="matrix",result="failed"} 0

# HELP virt_talks_catalog_talks Talks in the loaded catalog.
# TYPE virt_talks_catalog_talks gauge
virt_talks_catalog_talks 0

# HELP virt_talks_subscriptions Talk-of-the-day destinations, by platform, source (operator or chat) and state (active or paused).
# TYPE virt_talks_subscriptions gauge
`,
    );
  });

  it("zeroes every platform's series, and no post series for a platform without posts", async () => {
    const metrics = createMetrics({ platforms: ["slack", "matrix"], postPlatforms: ["matrix"] });
    const requests = (platform: string, outcome: string) =>
      sample(metrics, "virt_talks_requests_total", { platform, outcome });
    expect(await requests("slack", "ok")).toBe(0);
    expect(await requests("matrix", "rate-limited")).toBe(0);
    const posts = (platform: string, result: string) =>
      sample(metrics, "virt_talks_daily_posts_total", { platform, result });
    expect(await posts("matrix", "failed")).toBe(0);
    expect(await posts("slack", "sent")).toBeUndefined();
  });

  it("leads with the process metrics: CPU, memory, event loop, GC", async () => {
    const text = await createMetrics().render();
    const families = text
      .split("\n")
      .filter((line) => line.startsWith("# TYPE "))
      .map((line) => line.split(" ").slice(2).join(" "));
    expect(families).toEqual(
      expect.arrayContaining([
        "process_cpu_seconds_total counter",
        "process_resident_memory_bytes gauge",
        "nodejs_heap_size_used_bytes gauge",
        "nodejs_eventloop_lag_seconds gauge",
        "nodejs_eventloop_lag_p99_seconds gauge",
        "nodejs_gc_duration_seconds histogram",
      ]),
    );
    expect(families.indexOf("nodejs_eventloop_lag_seconds gauge")).toBeLessThan(
      families.indexOf("virt_talks_requests_total counter"),
    );
  });

  it("counts requests and posts, and fills each platform's latency histogram cumulatively", async () => {
    const metrics = createMetrics({ platforms: ["slack"] });
    metrics.setCatalogTalks(71);
    const latencies = [0.4, 3, 7, 80, 2_000];
    for (const latencyMs of latencies) {
      metrics.request({
        platform: "slack",
        command: "results",
        results: 3,
        latencyMs,
        outcome: "ok",
      });
    }
    metrics.request({
      platform: "slack",
      command: "rate-limited",
      results: 0,
      latencyMs: 0.1,
      outcome: "rate-limited",
    });
    metrics.request({
      platform: "console",
      command: "error",
      results: 0,
      latencyMs: 1,
      outcome: "error",
    });
    metrics.dailyPost("slack", "failed");
    metrics.dailyPost("slack", "failed");
    metrics.dailyPost("slack", "sent");

    const requests = (platform: string, outcome: string) =>
      sample(metrics, "virt_talks_requests_total", { platform, outcome });
    expect(await requests("slack", "ok")).toBe(5);
    expect(await requests("slack", "rate-limited")).toBe(1);
    expect(await requests("console", "error")).toBe(1);
    const posts = (result: string) =>
      sample(metrics, "virt_talks_daily_posts_total", { platform: "slack", result });
    expect(await posts("failed")).toBe(2);
    expect(await posts("sent")).toBe(1);
    expect(await sample(metrics, "virt_talks_catalog_talks")).toBe(71);

    // Rate-limited requests are not timed; the others are, in seconds, per platform.
    const family = "virt_talks_search_latency_seconds";
    const bucket = (platform: string, le: number | string) =>
      sample(metrics, family, { le, platform }, `${family}_bucket`);
    const observed = latencies.map((ms) => ms / 1000);
    let previous = 0;
    for (const le of LATENCY_BUCKETS) {
      const n = (await bucket("slack", le))!;
      expect(n).toBe(observed.filter((s) => s <= le).length);
      expect(n).toBeGreaterThanOrEqual(previous);
      previous = n;
    }
    expect(await bucket("slack", "+Inf")).toBe(5);
    expect(await sample(metrics, family, { platform: "slack" }, `${family}_count`)).toBe(5);
    expect(await sample(metrics, family, { platform: "slack" }, `${family}_sum`)).toBeCloseTo(
      observed.reduce((a, b) => a + b, 0),
      9,
    );
    expect(await bucket("console", 0.001)).toBe(1);
    expect(await sample(metrics, family, { platform: "console" }, `${family}_count`)).toBe(1);
  });

  it("keeps each bot's series in its own registry", async () => {
    const one = createMetrics({ platforms: ["slack"] });
    const other = createMetrics({ platforms: ["slack"] });
    one.request({ platform: "slack", command: "results", results: 1, latencyMs: 2, outcome: "ok" });
    const ok = { platform: "slack", outcome: "ok" };
    expect(await sample(one, "virt_talks_requests_total", ok)).toBe(1);
    expect(await sample(other, "virt_talks_requests_total", ok)).toBe(0);
  });

  it("the request observer writes one log line per answer and feeds the metrics", async () => {
    const { logger, lines } = captureLogger();
    const metrics = createMetrics();
    const observer = createRequestObserver(logger, metrics);
    observer.answered({
      platform: "matrix",
      command: "results",
      results: 2,
      latencyMs: 12.345,
      outcome: "ok",
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: LEVEL.info,
      msg: "answered",
      platform: "matrix",
      command: "results",
      results: 2,
      latencyMs: 12.3,
      outcome: "ok",
    });
    expect(await metrics.render()).toContain(
      'virt_talks_requests_total{platform="matrix",outcome="ok"} 1\n',
    );
  });

  it("counts talk-of-the-day destinations by platform, source and state at each scrape", async () => {
    const metrics = createMetrics({ platforms: ["slack", "matrix"] });
    let counts = [{ platform: "slack" as const, source: "chat", state: "active", count: 3 }];
    metrics.setSubscriptions(() => counts);
    const family = (text: string) => text.slice(text.indexOf("# HELP virt_talks_subscriptions"));
    const HEAD = `# HELP virt_talks_subscriptions Talk-of-the-day destinations, by platform, source (operator or chat) and state (active or paused).
# TYPE virt_talks_subscriptions gauge
`;
    expect(family(await botText(metrics))).toBe(
      `${HEAD}virt_talks_subscriptions{platform="slack",source="chat",state="active"} 3\n`,
    );
    counts = [
      { platform: "slack", source: "chat", state: "active", count: 2 },
      { platform: "slack", source: "chat", state: "paused", count: 1 },
    ];
    expect(family(await botText(metrics))).toBe(
      `${HEAD}virt_talks_subscriptions{platform="slack",source="chat",state="active"} 2
virt_talks_subscriptions{platform="slack",source="chat",state="paused"} 1\n`,
    );
  });
});

describe("replica metrics", () => {
  it("counts claims, takeovers and database errors only for replicas on a database", async () => {
    const lone = createMetrics();
    lone.replica.claim("won");
    expect(await lone.render()).not.toContain("virt_talks_slack_event_claims_total");
    const replica = createMetrics({ replicas: true });
    replica.replica.claim("won");
    replica.replica.claim("ignored");
    replica.replica.claim("won");
    replica.replica.takeover();
    replica.replica.databaseError();
    replica.replica.answerWithdrawn("earlier");
    const text = await replica.render();
    for (const line of [
      'virt_talks_slack_event_claims_total{outcome="won"} 2',
      'virt_talks_slack_event_claims_total{outcome="ignored"} 1',
      'virt_talks_slack_event_claims_total{outcome="takeover"} 0',
      'virt_talks_slack_event_claims_total{outcome="unavailable"} 0',
      'virt_talks_slack_event_claims_total{outcome="late"} 0',
      'virt_talks_slack_answers_withdrawn_total{reason="claimed"} 0',
      'virt_talks_slack_answers_withdrawn_total{reason="earlier"} 1',
      "virt_talks_matrix_sync_takeovers_total 1",
      "virt_talks_database_errors_total 1",
    ])
      expect(text).toContain(`${line}\n`);
  });
});
