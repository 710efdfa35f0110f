// How Matrix failures are classified for the retry module and for the post port. Pure.
import { describe, expect, it } from "vitest";
import {
  classifyRepeatable,
  deliveryErrorOf,
  MatrixHttpError,
} from "../../../src/adapters/matrix/errors.ts";
import { SendError } from "../../../src/adapters/matrix/sender.ts";
import { DeliveryError } from "../../../src/core/post-port.ts";

const http = (status: number, errcode?: string, retryAfterMs: number | null = null) =>
  new MatrixHttpError(status, errcode, `HTTP ${status}`, retryAfterMs);
const transport = (code: string) =>
  Object.assign(new TypeError("fetch failed"), { cause: { code } });

describe("classifyRepeatable (txnId sends, joins, lookups)", () => {
  it("429 carries the requested wait", () => {
    expect(classifyRepeatable(http(429, "M_LIMIT_EXCEEDED", 250))).toEqual({
      kind: "rate-limited",
      retryAfterMs: 250,
      detail: "429 M_LIMIT_EXCEEDED HTTP 429",
    });
  });

  it("an unreachable homeserver is marked so the policy's patience applies", () => {
    expect(classifyRepeatable(transport("ECONNREFUSED")).kind).toBe("not-sent");
    for (const e of [transport("ECONNRESET"), http(502), http(503), http(504)])
      expect(classifyRepeatable(e)).toMatchObject({ kind: "unknown", unreachable: true });
  });

  it("other 5xx and 408 are unknown; the rest is refused", () => {
    expect(classifyRepeatable(http(500)).kind).toBe("unknown");
    expect(classifyRepeatable(http(408)).kind).toBe("unknown");
    expect(classifyRepeatable(http(403, "M_FORBIDDEN")).kind).toBe("refused");
    expect(classifyRepeatable(http(400, "M_BAD_JSON")).kind).toBe("refused");
  });
});

describe("deliveryErrorOf (postCard)", () => {
  const of = (e: unknown) => {
    const d = deliveryErrorOf(e);
    return { failure: d.failure.kind, retryAfterMs: d.retryAfterMs };
  };

  it("is honest about what may have arrived", () => {
    expect(of(transport("ECONNREFUSED"))).toEqual({ failure: "not-sent", retryAfterMs: null });
    expect(of(transport("ECONNRESET"))).toEqual({ failure: "unknown", retryAfterMs: null });
    expect(of(http(500))).toEqual({ failure: "unknown", retryAfterMs: null });
    expect(of(http(502))).toEqual({ failure: "unknown", retryAfterMs: null });
  });

  it("a 429 was not taken, with the full wait the homeserver asked for", () => {
    expect(of(new SendError("send failed", http(429, "M_LIMIT_EXCEEDED", 3_600_000)))).toEqual({
      failure: "rate-limited",
      retryAfterMs: 3_600_000,
    });
  });

  it("forbidden, not in the room, no such room: refused (the daily post pauses the room)", () => {
    for (const e of [
      new SendError("send rejected", http(403, "M_FORBIDDEN")),
      http(404, "M_NOT_FOUND"),
      http(400, "M_UNKNOWN"),
    ])
      expect(of(e).failure).toBe("refused");
  });

  it("passes a DeliveryError through", () => {
    const refused = new DeliveryError({ kind: "refused", detail: "room is encrypted" });
    expect(deliveryErrorOf(refused)).toBe(refused);
  });
});
