// The public pages (PUBLIC_URL set) around a running bot, in either mode: their own
// listener (WEB_HOST:WEB_PORT, never the operator server), stopped with the bot. While
// pages are served, the end of console input no longer ends the process (stop it with a
// signal, as a chat deployment).
import type { WebConfig } from "../config.ts";
import type { Library } from "../core/library.ts";
import type { Logger } from "../log.ts";
import { startWebServer, type WebServer } from "../web/server.ts";
import type { Bot } from "./bot.ts";

export async function withPublicPages(
  bot: Bot,
  options: { web: WebConfig; library: Library; timeZone: string; logger: Logger },
): Promise<Bot & { readonly web: WebServer }> {
  const { web, logger } = options;
  let server: WebServer;
  try {
    server = await startWebServer({
      host: web.host,
      port: web.port,
      logger,
      library: options.library,
      publicUrl: web.publicUrl,
      timeZone: options.timeZone,
      trustProxy: web.trustProxy,
      talkPageBytes: web.talkPageBytes,
    });
  } catch (err) {
    await bot.stop();
    throw new Error(
      `cannot listen on ${web.host}:${web.port} for the public pages (check WEB_HOST and WEB_PORT): ${(err as Error).message}`,
    );
  }
  let stopping: Promise<void> | null = null;
  return {
    ...bot,
    web: server,
    ended: new Promise<void>(() => {}),
    stop: () => {
      stopping ??= Promise.all([bot.stop(), server.close()]).then(() => undefined);
      return stopping;
    },
  };
}
