import { describe, expect, it } from "vitest";
import { DeliveryError } from "../../src/core/post-port.ts";
import { classify } from "../../src/totd/delivery-failure.ts";

describe("what a failed send says", () => {
  it("takes the platform's own reading of a DeliveryError, and its wait when rate-limited", () => {
    expect(
      classify(new DeliveryError({ kind: "rate-limited", retryAfterMs: 3_000, detail: "429" })),
    ).toEqual({ failure: "rate-limited", retryAfterMs: 3_000 });
    expect(classify(new DeliveryError({ kind: "refused", detail: "not_in_channel" }))).toEqual({
      failure: "refused",
      retryAfterMs: null,
    });
  });

  it("reads any other error as one whose send may have arrived", () => {
    expect(classify(new Error("socket hang up"))).toEqual({
      failure: "unknown",
      retryAfterMs: null,
    });
    expect(classify("a thrown string")).toEqual({ failure: "unknown", retryAfterMs: null });
  });
});
