// A benchmark that times what users run must run under the node flags users get: npm
// start's heap flags (bench/shared/bot-command.ts BOT_NODE_ARGS) change how often and how
// long the garbage collector holds the event loop. Under plain tsx, V8's default young
// generation (16 MB and more per semi-space) makes fewer and longer scavenges than the
// bot's 4 MB ones, so a bench of event-loop stalls would measure pauses users never get.
import { spawnSync } from "node:child_process";
import { BOT_NODE_ARGS } from "./bot-command.ts";

/** Set in the re-executed child, so it runs the bench instead of spawning again. */
const MARK = "VIRT_TALKS_BENCH_PRODUCTION_NODE";

/** npm start's node flags: BOT_NODE_ARGS without the bundle it starts. */
export const productionNodeFlags = (): string[] => BOT_NODE_ARGS.filter((a) => a.startsWith("--"));

/**
 * Returns when this process already runs under npm start's node flags. Otherwise runs
 * `script` (this bench's file) again in a child node under those flags (tsx as the
 * loader; BENCH_NODE_ARGS adds more, e.g. "--trace-gc" or "--cpu-prof"), and exits with
 * the child's status: the caller's code after this call runs only in the child.
 */
export function reExecWithProductionFlags(script: string): void {
  if (process.env[MARK] === "1") return;
  const extra = (process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const args = [...productionNodeFlags(), ...extra, "--import", "tsx", script];
  process.stdout.write(`(node ${args.join(" ")})\n`);
  const child = spawnSync(process.execPath, args, {
    stdio: "inherit",
    env: { ...process.env, [MARK]: "1" },
  });
  process.exit(child.status ?? 1);
}
