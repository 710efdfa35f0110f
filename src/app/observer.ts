// What every adapter reports after answering: one log line and the request metrics.
import type { RequestObserver } from "../core/adapter.ts";
import type { Metrics } from "../http/metrics.ts";
import type { Logger } from "../log.ts";

export function createRequestObserver(logger: Logger, metrics: Metrics): RequestObserver {
  return {
    answered(request) {
      // Adapters call this on their hot path: a bad metric must never break an answer.
      try {
        metrics.request(request);
        const { platform, command, results, latencyMs, outcome } = request;
        logger.info(
          { platform, command, results, latencyMs: Math.round(latencyMs * 10) / 10, outcome },
          "answered",
        );
      } catch (err) {
        logger.warn({ err }, "request observer failed");
      }
    },
  };
}
