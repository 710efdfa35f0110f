// One statement of the PostgreSQL store, run on fakes of what the driver throws: a lost
// connection is tried again and counted, a refusal is reported at once as a
// StateStoreError naming the statement, and a lost lease reaches the caller as itself.
import { describe, expect, it } from "vitest";
import { StateStoreError } from "../../src/core/state-store.ts";
import { createStatementRunner, LeaseLostError } from "../../src/persist/pg-statement.ts";
import { captureLogger } from "../support/totd-helpers.ts";

const quick = {
  attempts: 3,
  backoff: { initialMs: 1, maxMs: 1 },
  maxWaitMs: 1,
  idempotent: true,
  patienceMs: 0,
};
const serverError = (code: string, message: string) =>
  Object.assign(new Error(message), { code, severity: "ERROR" });

function runner() {
  const { logger, lines } = captureLogger();
  let errors = 0;
  const run = createStatementRunner({
    target: "db:5432/talks",
    logger,
    retry: quick,
    onDatabaseError: () => errors++,
  });
  return { run, lines, errors: () => errors };
}

describe("statement runner", () => {
  it("tries a statement again after the server went away, counting each failure", async () => {
    const r = runner();
    const attempts: number[] = [];
    const value = await r.run("claims", "get", async (attempt) => {
      attempts.push(attempt);
      if (attempt === 1) throw serverError("57P01", "terminating connection");
      return "row";
    });
    expect(value).toBe("row");
    expect(attempts).toEqual([1, 2]);
    expect(r.errors()).toBe(1);
    expect(r.lines.map((l) => [l.msg, l.namespace, l.what, l.failure])).toEqual([
      ["database statement failed; trying again", "claims", "get", "57P01"],
    ]);
  });

  it("reports a refused statement at once as a StateStoreError naming it", async () => {
    const r = runner();
    let calls = 0;
    const failing = r.run("claims", "put", async () => {
      calls++;
      throw serverError("23505", "duplicate key");
    });
    await expect(failing).rejects.toThrow(StateStoreError);
    await expect(failing).rejects.toThrow("put failed on db:5432/talks: duplicate key (23505)");
    expect(calls).toBe(1);
    expect(r.errors()).toBe(1);
  });

  it("lets a lost lease through as itself, neither retried nor counted", async () => {
    const r = runner();
    const lost = new LeaseLostError("totd", { lease: "totd", holder: "a", epoch: 3 });
    let calls = 0;
    const failing = r.run("totd", "put", async () => {
      calls++;
      throw lost;
    });
    await expect(failing).rejects.toBe(lost);
    expect(calls).toBe(1);
    expect(r.errors()).toBe(0);
  });
});
