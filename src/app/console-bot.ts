// Console mode: no chat credentials, so the bot answers on stdin/stdout for a newcomer
// and ends with the input. No operator server, no daily post.
import { healthReport } from "../http/health.ts";
import type { Bot, BotBase } from "./bot.ts";

export async function startConsoleBot(base: BotBase): Promise<Bot> {
  const { library, metrics, deps, options } = base;
  const { io, logger } = options;
  const catalogSize = () => library.current().catalog.talks.length;
  const adapter = options.adapters.console(deps, {
    input: io.input(),
    output: io.output,
    catalogSize,
    ...(io.prompt !== undefined ? { prompt: io.prompt } : {}),
  });
  await adapter.start();
  let stopping: Promise<void> | null = null;
  return {
    mode: "console",
    http: null,
    reload: (reason) => base.reloader.reloadInSlices(reason),
    metrics,
    ready: Promise.resolve(),
    ended: adapter.closed ?? new Promise<void>(() => {}),
    health: () =>
      healthReport({
        adapters: () => ({ console: adapter.health() }),
        catalogTalks: catalogSize,
        totd: () => null,
        store: base.store,
        catalogProblems: () => library.current().catalog.problems,
        sources: () => base.sources?.status() ?? null,
      }),
    stop: () => {
      stopping ??= adapter.stop().catch((err: unknown) => {
        logger.error({ err }, "console adapter did not stop cleanly");
      });
      return stopping;
    },
  };
}
