// Settling answers sent without a claim: the rule (a claimed answer stands, else the
// earliest unclaimed one), and what settling does and logs when reading or deleting fails.
import { expect, it } from "vitest";
import { compareTs, type SeenAnswer } from "../../../src/adapters/slack/find-answer.ts";
import {
  answersToWithdraw,
  settleUnclaimed,
} from "../../../src/adapters/slack/unclaimed-answers.ts";
import { createLogger } from "../../../src/log.ts";

const unclaimed = (ts: string): SeenAnswer => ({ ts, unclaimed: true });
const claimed = (ts: string): SeenAnswer => ({ ts, unclaimed: false });

it("orders Slack timestamps by time, not as text", () => {
  const ts = ["1700000010.000002", "1700000009.999999", "1700000010.000010", "1700000010.00001"];
  expect([...ts].sort(compareTs)).toEqual([
    "1700000009.999999",
    "1700000010.000002",
    "1700000010.000010",
    "1700000010.00001",
  ]);
  expect(compareTs("1700000010.000010", "1700000010.00001")).toBe(0);
});

it("keeps the only answer", () => {
  expect(answersToWithdraw([unclaimed("1.000002")], ["1.000002"])).toEqual([]);
});

it("keeps the earliest of two unclaimed answers, and withdraws the later", () => {
  const seen = [unclaimed("1.000002"), unclaimed("1.000005")];
  expect(answersToWithdraw(seen, ["1.000002"])).toEqual([]);
  expect(answersToWithdraw(seen, ["1.000005"])).toEqual(["1.000005"]);
});

it("withdraws every message of an unclaimed answer that a claimed answer beats, earlier or later", () => {
  expect(answersToWithdraw([unclaimed("1.000002"), claimed("1.000009")], ["1.000002"])).toEqual([
    "1.000002",
  ]);
  expect(
    answersToWithdraw(
      [claimed("1.000001"), unclaimed("1.000003"), unclaimed("1.000004")],
      ["1.000004", "1.000003"],
    ),
  ).toEqual(["1.000004", "1.000003"]);
});

it("compares by this delivery's first message when it sent several", () => {
  const seen = [unclaimed("1.000002"), unclaimed("1.000003"), unclaimed("1.000006")];
  expect(answersToWithdraw(seen, ["1.000006", "1.000002"])).toEqual([]);
  expect(answersToWithdraw(seen, ["1.000003"])).toEqual(["1.000003"]);
});

it("withdraws nothing when nothing was sent", () => {
  expect(answersToWithdraw([claimed("1.000001")], [])).toEqual([]);
});

function logged() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    level: "info",
    pretty: false,
    destination: { write: (l: string) => void lines.push(JSON.parse(l)) },
  });
  const said = () =>
    lines.map(({ msg, eventId, withdrawn, err }) => ({ msg, eventId, withdrawn, err }));
  return { logger, said };
}

it("deletes the later answer and says so", async () => {
  const { logger, said } = logged();
  const removed: string[] = [];
  const n = await settleUnclaimed({
    list: async () => [unclaimed("1.000002"), unclaimed("1.000005")],
    remove: async (ts) => void removed.push(ts),
    logger,
    eventId: "Ev0UNC001",
    sent: ["1.000005"],
  });
  expect({ n, removed, said: said() }).toEqual({
    n: 1,
    removed: ["1.000005"],
    said: [
      {
        msg: "slack event answered twice without a claim; this later answer withdrawn",
        eventId: "Ev0UNC001",
        withdrawn: ["1.000005"],
        err: undefined,
      },
    ],
  });
});

it("keeps the answer, and says why, when the others cannot be read or the delete fails", async () => {
  const { logger, said } = logged();
  const unreadable = await settleUnclaimed({
    list: async () => null,
    remove: async () => {},
    logger,
    eventId: "Ev0UNC002",
    sent: ["1.000005"],
  });
  const failing = await settleUnclaimed({
    list: async () => [claimed("1.000001"), unclaimed("1.000005")],
    remove: async () => {
      throw new Error("slack down");
    },
    logger,
    eventId: "Ev0UNC003",
    sent: ["1.000005"],
  });
  expect({ unreadable, failing, said: said() }).toEqual({
    unreadable: 0,
    failing: 0,
    said: [
      {
        msg: "slack answer without a claim: other answers cannot be read; kept",
        eventId: "Ev0UNC002",
        withdrawn: undefined,
        err: undefined,
      },
      {
        msg: "slack answer without a claim: could not check for a second answer; kept",
        eventId: "Ev0UNC003",
        withdrawn: undefined,
        err: "Error: slack down",
      },
    ],
  });
});
