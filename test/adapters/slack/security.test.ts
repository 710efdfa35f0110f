// Request authenticity and hygiene at /slack/events: signatures and stale timestamps (Bolt's
// HTTPReceiver), future timestamps and declared sizes (http-entry.ts in front of it), body
// size, signed bodies Bolt cannot take (payload-shape.ts), and logs that hold neither bodies
// nor secrets.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  commandBody,
  FORM,
  JSON_TYPE,
  mentionBody,
  nowSec,
  slackSign,
} from "../../../bench/shared/slack-signing.ts";
import { createSlackAdapter } from "../../../src/adapters/slack/app.ts";
import { createLogger } from "../../../src/log.ts";
import { SLACK_HARNESS } from "../../support/secrets.ts";
import {
  type Harness,
  nextResponseId,
  SECRETS,
  startHarness,
  tempStateDir,
  testDeps,
} from "../../support/slack-harness.ts";

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
/** What was logged during the current test. */
const recentLogs = () => h.logs.slice(logStart).join("");

const MARKER = "BODYMARKER7c1e";
const body = () =>
  commandBody({
    text: `numa ${MARKER}`,
    userId: "U0USER001",
    responseUrl: h.fake.responseUrl(nextResponseId()),
  });

/** The request was refused: nothing reached the fake, the log says why, without the body. */
async function expectRefusedQuietly(reason: string) {
  await h.fake.settle(200);
  expect(h.fake.calls).toHaveLength(0);
  const text = recentLogs();
  expect(text).toContain("slack request rejected");
  expect(text).toContain(`"reason":"${reason}"`);
  expect(text).not.toContain(MARKER);
}

describe("signatures and timestamps", () => {
  it("accepts a correctly signed request", async () => {
    const res = await h.send(body(), { contentType: FORM });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ response_type: "ephemeral" });
  });

  it("401 for a bad signature", async () => {
    const b = body();
    const res = await h.send(b, {
      contentType: FORM,
      signature: slackSign("wrong-secret-000000", nowSec(), b),
    });
    expect(res.status).toBe(401);
    await expectRefusedQuietly("unverified");
  });

  it("401 for a signature over a different body", async () => {
    const ts = nowSec();
    const res = await h.send(`${body()}&x=1`, {
      contentType: FORM,
      timestamp: ts,
      signature: slackSign(SECRETS.signingSecret, ts, body()),
    });
    expect(res.status).toBe(401);
    await expectRefusedQuietly("unverified");
  });

  it("401 for a missing signature", async () => {
    const res = await h.send(body(), { contentType: FORM, signature: "" });
    expect(res.status).toBe(401);
  });

  it("401 for a stale timestamp (over 5 minutes old), even when correctly signed", async () => {
    const res = await h.send(body(), { contentType: FORM, timestamp: nowSec() - 6 * 60 });
    expect(res.status).toBe(401);
    await expectRefusedQuietly("unverified");
  });

  it("401 for a future timestamp (over 5 minutes ahead), even when correctly signed", async () => {
    const res = await h.send(body(), { contentType: FORM, timestamp: nowSec() + 6 * 60 });
    expect(res.status).toBe(401);
    await expectRefusedQuietly("timestamp");
  });

  it("accepts a timestamp within the window either way", async () => {
    for (const skew of [-240, 240]) {
      const res = await h.send(body(), { contentType: FORM, timestamp: nowSec() + skew });
      expect(res.status).toBe(200);
    }
  });

  it("401 for a signed event with a non-numeric timestamp", async () => {
    const b = mentionBody({ eventId: "Ev0BADTS", text: "<@UBOT0001> numa", userId: "U0USER001" });
    const res = await h.send(b, {
      contentType: JSON_TYPE,
      headers: { "x-slack-request-timestamp": "soon" },
    });
    expect(res.status).toBe(401);
  });
});

describe("body size", () => {
  it("413 for a declared Content-Length over 64 KB, without reading the body", async () => {
    const big = `${body()}&pad=${"a".repeat(70 * 1024)}`;
    const res = await h.send(big, { contentType: FORM });
    expect(res.status).toBe(413);
    await expectRefusedQuietly("too-large");
  });

  it("413 for a chunked body that grows past 64 KB", async () => {
    const chunk = "a".repeat(16 * 1024);
    const res = await h.send("", {
      contentType: FORM,
      chunks: [`${body()}&pad=`, chunk, chunk, chunk, chunk, chunk, chunk],
    });
    expect(res.status).toBe(413);
    await expectRefusedQuietly("too-large");
  });

  it("a body just under the limit is fine", async () => {
    const b = body();
    const padded = `${b}&pad=${"a".repeat(60 * 1024)}`;
    const res = await h.send(padded, { contentType: FORM });
    expect(res.status).toBe(200);
  });
});

describe("other requests", () => {
  it("405 for anything but POST", async () => {
    const res = await fetch(h.url);
    expect(res.status).toBe(405);
  });

  it("answers Slack's url_verification challenge (signed)", async () => {
    const res = await h.send(
      JSON.stringify({ type: "url_verification", challenge: "abc123", token: "x" }),
      {
        contentType: JSON_TYPE,
      },
    );
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ challenge: "abc123" });
  });

  it("answers Slack's ssl_check with 200 and does nothing", async () => {
    const res = await h.send("ssl_check=1&token=x&command=%2Fvirt&text=numa", {
      contentType: FORM,
      signature: "",
    });
    expect(res.status).toBe(200);
    await h.fake.settle(200);
    expect(h.fake.calls).toHaveLength(0);
  });
});

describe("construction", () => {
  const deps = () =>
    testDeps({
      logger: createLogger({ level: "silent", pretty: false, destination: { write() {} } }),
      stateDir: tempStateDir(),
    });

  it("refuses to construct without a signing secret: verification cannot be turned off", () => {
    for (const signingSecret of ["", "   "]) {
      expect(() =>
        createSlackAdapter(
          {
            botToken: SECRETS.botToken,
            signingSecret,
            appToken: undefined,
            apiUrl: undefined,
            subscribeAdminsOnly: false,
          },
          deps(),
        ),
      ).toThrow(/SLACK_SIGNING_SECRET/);
    }
  });

  it("socket mode constructs without connecting and leaves HTTP alone", async () => {
    const adapter = createSlackAdapter(
      {
        botToken: SECRETS.botToken,
        signingSecret: SECRETS.signingSecret,
        appToken: SLACK_HARNESS.appToken,
        apiUrl: h.fake.apiUrl,
        subscribeAdminsOnly: false,
      },
      deps(),
    );
    expect(adapter.mode).toBe("socket");
    expect(adapter.health().state).toBe("starting");
    await adapter.stop();
    expect(adapter.health().state).toBe("stopped");
    expect(h.fake.calls).toHaveLength(0);
  });
});

describe("logs", () => {
  it("never contain the bot token or the signing secret, at debug level, across this whole file", async () => {
    expect((await h.send(body(), { contentType: FORM })).status).toBe(200);
    await h.send(body(), { contentType: FORM, signature: "v0=00" });
    const text = h.logText();
    expect(text).not.toContain(SECRETS.botToken);
    expect(text).not.toContain(SECRETS.signingSecret);
    expect(text).not.toContain("TESTBOTTOKENSECRET");
  });
});

// Signed bodies Bolt cannot take: each gets a 400 and one log line, and nothing else happens
// (no unhandled rejection, no 500, no call to Slack). Unsigned, they get the usual 401.
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
      const lines = recentLogs()
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as unknown);
      expect(lines).toEqual([
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
