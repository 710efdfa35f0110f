// chat.delete through the real WebClient against the fake Slack: the bot's own message
// goes; deleting it again counts as done (a retried delete that had landed); someone
// else's message is refused.
import { webApi } from "@slack/bolt";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type FakeSlack, startFakeSlack } from "../../../bench/shared/fakes/slack-web-api.ts";
import { createSlackApi, webClientOptions } from "../../../src/adapters/slack/web-client.ts";
import { createLogger } from "../../../src/log.ts";
import { SECRETS } from "../../support/slack-harness.ts";

const TOKEN = SECRETS.botToken;
let fake: FakeSlack;
beforeAll(async () => {
  fake = await startFakeSlack({ token: TOKEN });
});
afterAll(() => fake.close());

it("deletes the bot's own message once, treats a repeat as done, and refuses another's", async () => {
  const lines: string[] = [];
  const logger = createLogger({
    level: "debug",
    pretty: false,
    destination: { write: (l: string) => void lines.push(l) },
  });
  const api = createSlackApi({
    client: new webApi.WebClient(TOKEN, webClientOptions(fake.apiUrl)),
    logger,
  });
  const ts = await api.postMessage({ channel: "C0DEL0001", text: "an answer", blocks: [] });
  const theirs = fake.inject("C0DEL0001", { text: "a person's message", user: "U0USER001" });
  await api.deleteMessage({ channel: "C0DEL0001", ts });
  await api.deleteMessage({ channel: "C0DEL0001", ts });
  await expect(api.deleteMessage({ channel: "C0DEL0001", ts: theirs })).rejects.toThrow(
    "cant_delete_message",
  );
  expect({
    left: fake.messagesIn("C0DEL0001").map((m) => m.text),
    deletes: fake.callsTo("chat.delete", { all: true }).map((c) => [c.body.ts, c.ok]),
  }).toEqual({
    left: ["a person's message"],
    deletes: [
      [ts, true],
      [ts, false],
      [theirs, false],
    ],
  });
});
