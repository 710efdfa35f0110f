// The metrics exposition: valid Prometheus text format, counters per label set, and a
// histogram whose buckets are cumulative.
import { describe, expect, it } from "vitest";
import { createRequestObserver } from "../../src/app/observer.ts";
import { createMetrics, LATENCY_BUCKETS } from "../../src/http/metrics.ts";
import { captureLogger, LEVEL } from "../support/totd-helpers.ts";

const SAMPLE =
  /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([a-zA-Z_]\w*="(?:[^"\\\n]|\\.)*"(,[a-zA-Z_]\w*="(?:[^"\\\n]|\\.)*")*)?\})? (-?[0-9.e+-]+|\+Inf|NaN)$/;

function parse(text: string) {
  expect(text.endsWith("\n")).toBe(true);
  const samples = new Map<string, number>();
  const types = new Map<string, string>();
  for (const line of text.trimEnd().split("\n")) {
    if (line.startsWith("# HELP ")) continue;
    const type = /^# TYPE (\S+) (counter|gauge|histogram)$/.exec(line);
    if (type) {
      types.set(type[1]!, type[2]!);
      continue;
    }
    const m = SAMPLE.exec(line);
    expect(m, `not a valid sample line: ${line}`).not.toBeNull();
    samples.set(
      line.slice(0, line.lastIndexOf(" ")),
      Number(line.slice(line.lastIndexOf(" ") + 1)),
    );
  }
  return { samples, types };
}

describe("metrics", () => {
  it("renders every family with HELP/TYPE and zeroed series for the platforms in use", () => {
    const metrics = createMetrics({ platforms: ["slack", "matrix"], postPlatforms: ["matrix"] });
    const { samples, types } = parse(metrics.render());
    expect(Object.fromEntries(types)).toEqual({
      virt_talks_requests_total: "counter",
      virt_talks_search_latency_seconds: "histogram",
      virt_talks_daily_posts_total: "counter",
      virt_talks_catalog_talks: "gauge",
      virt_talks_subscriptions: "gauge",
    });
    expect(samples.get('virt_talks_requests_total{platform="matrix",outcome="rate-limited"}')).toBe(
      0,
    );
    expect(samples.get('virt_talks_daily_posts_total{platform="matrix",result="failed"}')).toBe(0);
    expect(samples.has('virt_talks_daily_posts_total{platform="slack",result="sent"}')).toBe(false);
    expect(samples.get("virt_talks_catalog_talks")).toBe(0);
  });

  it("counts requests and posts, and fills the latency histogram cumulatively", () => {
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

    const { samples } = parse(metrics.render());
    expect(samples.get('virt_talks_requests_total{platform="slack",outcome="ok"}')).toBe(5);
    expect(samples.get('virt_talks_requests_total{platform="slack",outcome="rate-limited"}')).toBe(
      1,
    );
    expect(samples.get('virt_talks_requests_total{platform="console",outcome="error"}')).toBe(1);
    expect(samples.get('virt_talks_daily_posts_total{platform="slack",result="failed"}')).toBe(2);
    expect(samples.get('virt_talks_daily_posts_total{platform="slack",result="sent"}')).toBe(1);
    expect(samples.get("virt_talks_catalog_talks")).toBe(71);

    // Rate-limited requests are not timed; the others are, in seconds.
    const observed = [...latencies, 1].map((ms) => ms / 1000);
    const bucket = (le: string) =>
      samples.get(`virt_talks_search_latency_seconds_bucket{le="${le}"}`);
    let previous = 0;
    for (const le of LATENCY_BUCKETS) {
      const n = bucket(String(le))!;
      expect(n).toBe(observed.filter((s) => s <= le).length);
      expect(n).toBeGreaterThanOrEqual(previous);
      previous = n;
    }
    expect(bucket("+Inf")).toBe(6);
    expect(samples.get("virt_talks_search_latency_seconds_count")).toBe(6);
    expect(samples.get("virt_talks_search_latency_seconds_sum")).toBeCloseTo(
      observed.reduce((a, b) => a + b, 0),
      9,
    );
  });

  it("the request observer writes one log line per answer and feeds the metrics", () => {
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
    expect(metrics.render()).toContain(
      'virt_talks_requests_total{platform="matrix",outcome="ok"} 1',
    );
  });

  it("counts talk-of-the-day destinations by platform, source and state at each scrape", () => {
    const metrics = createMetrics({ platforms: ["slack", "matrix"] });
    let counts = [{ platform: "slack" as const, source: "chat", state: "active", count: 3 }];
    metrics.setSubscriptions(() => counts);
    expect(
      parse(metrics.render()).samples.get(
        'virt_talks_subscriptions{platform="slack",source="chat",state="active"}',
      ),
    ).toBe(3);
    counts = [
      { platform: "slack", source: "chat", state: "active", count: 2 },
      { platform: "slack", source: "chat", state: "paused", count: 1 },
    ];
    const { samples } = parse(metrics.render());
    expect(
      samples.get('virt_talks_subscriptions{platform="slack",source="chat",state="active"}'),
    ).toBe(2);
    expect(
      samples.get('virt_talks_subscriptions{platform="slack",source="chat",state="paused"}'),
    ).toBe(1);
  });
});
