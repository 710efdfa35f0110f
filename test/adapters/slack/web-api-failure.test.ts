// Web API errors as the retry module's failures: refusals, Slack-side failures that may
// have taken effect, rate limits with their wait, and transport errors the SDK wraps.
import { describe, expect, it } from "vitest";
import { classifyWebApiError } from "../../../src/adapters/slack/web-api-failure.ts";

describe("classifyWebApiError", () => {
  it("classifies Web API errors into the retry module's failures", () => {
    const platform = (error: string) => ({ code: "slack_webapi_platform_error", data: { error } });
    expect(classifyWebApiError(platform("not_in_channel"))).toEqual({
      kind: "refused",
      detail: "not_in_channel",
    });
    expect(classifyWebApiError(platform("internal_error"))).toEqual({
      kind: "unknown",
      detail: "internal_error",
    });
    expect(classifyWebApiError({ code: "slack_webapi_rate_limited_error", retryAfter: 3 })).toEqual(
      { kind: "rate-limited", retryAfterMs: 3000, detail: "ratelimited" },
    );
    expect(classifyWebApiError({ code: "slack_webapi_http_error", statusCode: 503 })).toEqual({
      kind: "unknown",
      detail: "http_503",
    });
    const refused = {
      code: "slack_webapi_request_error",
      original: Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } }),
    };
    expect(classifyWebApiError(refused).kind).toBe("not-sent");
  });

  it("reads a 4xx as refused, an unknown platform error as refused, and a 429 without a wait as none", () => {
    expect(classifyWebApiError({ code: "slack_webapi_http_error", statusCode: 404 })).toEqual({
      kind: "refused",
      detail: "http_404",
    });
    expect(classifyWebApiError({ code: "slack_webapi_platform_error", data: {} })).toEqual({
      kind: "refused",
      detail: "unknown_error",
    });
    expect(classifyWebApiError({ code: "slack_webapi_rate_limited_error" })).toEqual({
      kind: "rate-limited",
      retryAfterMs: null,
      detail: "ratelimited",
    });
  });
});
