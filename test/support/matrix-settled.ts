// Issue #22's count of how interrupted Matrix daily posts were settled, read from the bots'
// output (the soaks of test/soak/totd-*.test.ts): found by a look in the room, or sent after
// a look found nothing. A repeat the homeserver dropped is counted by the fake itself
// (FakeHomeserver.repeatedSends).

/** The bots' JSON log lines (anything else in their output is skipped). */
function logLines(output: string): { msg?: unknown; destination?: unknown }[] {
  return output.split("\n").flatMap((line) => {
    try {
      const parsed: unknown = JSON.parse(line);
      return typeof parsed === "object" && parsed !== null ? [parsed] : [];
    } catch {
      return [];
    }
  });
}

/** How often the bots settled an interrupted Matrix post each way. */
export function matrixSettled(output: string): { foundByLookUp: number; sentAfterLook: number } {
  const lines = logLines(output);
  const count = (msg: string) =>
    lines.filter(
      (l) =>
        l.msg === msg && typeof l.destination === "string" && l.destination.startsWith("matrix:"),
    ).length;
  return {
    foundByLookUp: count(
      "an earlier send of today's talk had arrived; recorded it without sending again",
    ),
    sentAfterLook: count("an earlier send of today's talk did not arrive; sending it"),
  };
}
