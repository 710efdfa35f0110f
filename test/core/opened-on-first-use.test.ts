import { expect, it } from "vitest";
import { openedOnFirstUse } from "../../src/core/state-store.ts";

it("opens once for every caller, and again after a failed open", async () => {
  let opens = 0;
  let fail = true;
  const open = openedOnFirstUse(async () => {
    opens++;
    if (fail) throw new Error("database away");
    return `namespace ${opens}`;
  });
  await expect(open()).rejects.toThrow("database away");
  fail = false;
  const [a, b] = await Promise.all([open(), open()]);
  expect([a, b, await open(), opens]).toEqual(["namespace 2", "namespace 2", "namespace 2", 2]);
});
