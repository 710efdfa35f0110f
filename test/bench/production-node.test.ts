// The flags the reload bench re-runs itself under are npm start's own, read from
// BOT_NODE_ARGS: whatever the start script says, the bench measures the same heap.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../bench/shared/bot-command.ts";
import { productionNodeFlags } from "../../bench/shared/production-node.ts";

describe("the bench's production node flags", () => {
  it("are npm start's flags without its bundle", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    expect(`node ${productionNodeFlags().join(" ")} dist/main.js`).toBe(pkg.scripts.start);
  });
});
