// Which bodies Bolt cannot take, exactly, parsed as Bolt parses them.
import { describe, expect, it } from "vitest";
import { bodyProblem, FORM } from "../../../src/adapters/slack/payload-shape.ts";

const payload = (value: unknown) => `payload=${encodeURIComponent(JSON.stringify(value))}`;

describe("bodyProblem", () => {
  it("passes what Bolt handles itself", () => {
    expect(bodyProblem("ssl_check=1&payload=null", FORM)).toBeNull();
    expect(bodyProblem("command=%2Fvirt&text=numa&user_id=U1", FORM)).toBeNull();
    expect(bodyProblem(payload({ type: "block_actions", user: { id: "U1" } }), FORM)).toBeNull();
    expect(
      bodyProblem('{"type":"url_verification","challenge":"c"}', "application/json"),
    ).toBeNull();
    expect(
      bodyProblem('{"type":"event_callback","event":{"type":"app_mention"}}', "application/json"),
    ).toBeNull();
  });

  it("names what Bolt would throw on", () => {
    expect(bodyProblem("payload=null", FORM)).toBe("payload is not an object");
    expect(bodyProblem("payload=%5B%5D", FORM)).toBe("payload is not an object");
    expect(bodyProblem("payload=%7B", FORM)).toBe("payload is not JSON");
    expect(bodyProblem(payload({ type: "block_actions" }), FORM)).toBe(
      "interaction without a user",
    );
    expect(bodyProblem(payload({ type: "block_actions", user: { id: 7 } }), FORM)).toBe(
      "interaction without a user",
    );
    expect(bodyProblem("null", "application/json")).toBe("body is not an object");
    expect(bodyProblem("numa", "application/json")).toBe("body is not JSON");
    expect(bodyProblem('{"type":"event_callback"}', "application/json")).toBe(
      "event_callback without an event",
    );
  });

  it("a form sent with another content type is JSON to Bolt", () => {
    expect(bodyProblem("payload=null", `${FORM}; charset=utf-8`)).toBe("body is not JSON");
  });
});
