// Settling answers sent without a claim: the rule (a claimed answer stands, else the
// earliest unclaimed one), and what settling does and logs when reading or deleting fails.
import { expect, it } from "vitest";
import { compareTs, type SeenAnswer } from "../../../src/adapters/slack/find-answer.ts";
import { beatenBy, settleUnclaimed } from "../../../src/adapters/slack/unclaimed-answers.ts";
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
  expect(beatenBy([unclaimed("1.000002")], ["1.000002"])).toBe(null);
});

it("keeps the earliest of two unclaimed answers, and withdraws the later", () => {
  const seen = [unclaimed("1.000002"), unclaimed("1.000005")];
  expect(beatenBy(seen, ["1.000002"])).toBe(null);
  expect(beatenBy(seen, ["1.000005"])).toBe("earlier");
});

it("withdraws an unclaimed answer that a claimed answer beats, earlier or later", () => {
  expect(beatenBy([unclaimed("1.000002"), claimed("1.000009")], ["1.000002"])).toBe("claimed");
  expect(
    beatenBy(
      [claimed("1.000001"), unclaimed("1.000003"), unclaimed("1.000004")],
      ["1.000004", "1.000003"],
    ),
  ).toBe("claimed");
});

it("compares by this delivery's first message when it sent several", () => {
  const seen = [unclaimed("1.000002"), unclaimed("1.000003"), unclaimed("1.000006")];
  expect(beatenBy(seen, ["1.000006", "1.000002"])).toBe(null);
  expect(beatenBy(seen, ["1.000003"])).toBe("earlier");
});

it("withdraws nothing when nothing was sent", () => {
  expect(beatenBy([claimed("1.000001")], [])).toBe(null);
});

function logged() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    level: "info",
    pretty: false,
    destination: { write: (l: string) => void lines.push(JSON.parse(l)) },
  });
  const said = () =>
    lines.map(({ msg, eventId, reason, withdrawn, err }) => ({
      msg,
      eventId,
      reason,
      withdrawn,
      err,
    }));
  return { logger, said };
}

it("deletes the later answer and says why", async () => {
  const { logger, said } = logged();
  const removed: string[] = [];
  const counted: string[] = [];
  const settle = (eventId: string, seen: SeenAnswer[]) =>
    settleUnclaimed({
      list: async () => seen,
      remove: async (ts) => void removed.push(ts),
      logger,
      eventId,
      sent: ["1.000005"],
      onWithdrawn: (reason) => void counted.push(reason),
    });
  const n = [
    await settle("Ev0UNC001", [unclaimed("1.000002"), unclaimed("1.000005")]),
    await settle("Ev0UNC002", [unclaimed("1.000005"), claimed("1.000007")]),
  ];
  expect({ n, removed, counted, said: said() }).toEqual({
    n: [1, 1],
    removed: ["1.000005", "1.000005"],
    counted: ["earlier", "claimed"],
    said: [
      {
        msg: "slack event answered twice without a claim; this later answer withdrawn",
        eventId: "Ev0UNC001",
        reason: "earlier",
        withdrawn: ["1.000005"],
        err: undefined,
      },
      {
        msg: "slack event answered with a claim elsewhere; this answer without one withdrawn",
        eventId: "Ev0UNC002",
        reason: "claimed",
        withdrawn: ["1.000005"],
        err: undefined,
      },
    ],
  });
});

it("keeps the answer, and says why, when the others cannot be read or the delete fails", async () => {
  const { logger, said } = logged();
  const counted: string[] = [];
  const settle = (
    eventId: string,
    list: () => Promise<SeenAnswer[] | null>,
    remove: (ts: string) => Promise<void>,
  ) =>
    settleUnclaimed({
      list,
      remove,
      logger,
      eventId,
      sent: ["1.000005", "1.000006"],
      onWithdrawn: (reason) => void counted.push(reason),
    });
  const fine = async () => {};
  const n = [
    await settle("Ev0UNC003", async () => null, fine),
    await settle(
      "Ev0UNC004",
      async () => {
        throw new Error("ratelimited");
      },
      fine,
    ),
    await settle(
      "Ev0UNC005",
      async () => [claimed("1.000001")],
      async (ts) => {
        if (ts === "1.000006") throw new Error("missing_scope");
      },
    ),
  ];
  expect({ n, counted, said: said() }).toEqual({
    n: [0, 0, 1],
    counted: ["claimed"],
    said: [
      {
        msg: "slack answer without a claim: other answers cannot be read; kept",
        eventId: "Ev0UNC003",
        reason: undefined,
        withdrawn: undefined,
        err: undefined,
      },
      {
        msg: "slack answer without a claim: other answers cannot be read now; kept",
        eventId: "Ev0UNC004",
        reason: undefined,
        withdrawn: undefined,
        err: "Error: ratelimited",
      },
      {
        msg: "slack second answer could not be withdrawn; the event shows two answers",
        eventId: "Ev0UNC005",
        reason: "claimed",
        withdrawn: ["1.000005"],
        err: "Error: missing_scope",
      },
    ],
  });
});
