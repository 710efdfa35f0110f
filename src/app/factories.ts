// How the bot builds its adapters. startBot takes these as a parameter so tests can run
// the whole composition in-process with stand-ins where Slack and Matrix would be.
import type { RequestListener } from "node:http";
import type { ConsoleAdapter, ConsoleIo } from "../adapters/console/adapter.ts";
import type { MatrixConfig, SlackConfig } from "../config.ts";
import type { AdapterDeps, ChatAdapter } from "../core/ports.ts";

export type { ConsoleIo } from "../adapters/console/adapter.ts";

export interface SlackChatAdapter extends ChatAdapter {
  /** Serves POST /slack/events in HTTP mode (no app token). */
  requestListener(req: Parameters<RequestListener>[0], res: Parameters<RequestListener>[1]): void;
}

export interface AdapterFactories {
  slack(config: SlackConfig, deps: AdapterDeps): SlackChatAdapter;
  matrix(config: MatrixConfig, deps: AdapterDeps): ChatAdapter;
  console(deps: AdapterDeps, io: ConsoleIo): ConsoleAdapter;
}
