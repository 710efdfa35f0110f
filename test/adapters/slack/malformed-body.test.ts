// Signed bodies Bolt cannot take (payload-shape.ts): each gets a 400 and one log line, and
// nothing else happens (no unhandled rejection, no 500, no call to Slack). Unsigned, the same
// bodies are refused like any unsigned request (401).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../../support/slack-harness.ts";
import { FORM, JSON_TYPE } from "../../support/slack-signing.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});
let logStart = 0;
beforeEach(() => {
  h.fake.reset();
  logStart = h.logs.length;
});
const logLines = () => h.logs.slice(logStart).map((l) => JSON.parse(l) as Record<string, unknown>);

const form = (payload: unknown) =>
  new URLSearchParams({ payload: JSON.stringify(payload) }).toString();

const CASES = [
  { name: "payload=null", body: "payload=null", type: FORM, detail: "payload is not an object" },
  {
    name: "block_actions without user",
    body: form({
      type: "block_actions",
      actions: [{ action_id: "more_results:1", type: "button", value: "{}" }],
      response_url: "https://hooks.slack.com/actions/T0TEAM001/1/abc",
    }),
    type: FORM,
    detail: "interaction without a user",
  },
  {
    name: "payload that is not JSON",
    body: "payload=%7Bnope",
    type: FORM,
    detail: "payload is not JSON",
  },
  { name: "JSON null", body: "null", type: JSON_TYPE, detail: "body is not an object" },
  {
    name: "event_callback without an event",
    body: JSON.stringify({ type: "event_callback", event_id: "Ev0NOEVENT" }),
    type: JSON_TYPE,
    detail: "event_callback without an event",
  },
] as const;

describe("signed bodies Bolt cannot take", () => {
  for (const c of CASES)
    it(`${c.name}: 400 and one log line`, async () => {
      const res = await h.send(c.body, { contentType: c.type });
      expect(res.status).toBe(400);
      expect(res.body).toBe("malformed\n");
      await h.fake.settle(100);
      expect(h.fake.calls).toEqual([]);
      expect(logLines()).toEqual([
        expect.objectContaining({
          level: 40,
          msg: "slack request rejected",
          status: 400,
          reason: "malformed",
          detail: c.detail,
        }),
      ]);
    });

  it("the same bodies unsigned: 401, as any unsigned request", async () => {
    for (const c of CASES) {
      const res = await h.send(c.body, { contentType: c.type, signature: "v0=00" });
      expect(res.status).toBe(401);
    }
  });

  it("well-formed requests still go through", async () => {
    const res = await h.command("numa");
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ response_type: "ephemeral" });
  });
});
