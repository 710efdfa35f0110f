// How the bot builds its adapters. startBot takes these as a parameter so tests can run
// the whole composition in-process with stand-ins where Slack and Matrix would be.
import type { RequestListener } from "node:http";
import type { AdapterDeps, ChatAdapter } from "../adapters/types.ts";
import type { MatrixConfig, SlackConfig } from "../config.ts";

export interface ConsoleIo {
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  readonly prompt?: string;
}

export interface SlackChatAdapter extends ChatAdapter {
  /** Serves POST /slack/events in HTTP mode (no app token). */
  requestListener(req: Parameters<RequestListener>[0], res: Parameters<RequestListener>[1]): void;
}

export interface ConsoleChatAdapter extends ChatAdapter {
  /** Resolves at end of input (or `quit`); the bot then shuts down. */
  readonly closed?: Promise<void>;
}

export interface AdapterFactories {
  slack(config: SlackConfig, deps: AdapterDeps): SlackChatAdapter;
  /** Whether a failed Slack postCard may still have posted (the daily post then looks first). */
  slackOutcomeUnknown?(error: unknown): boolean;
  matrix(config: MatrixConfig, deps: AdapterDeps): ChatAdapter;
  console(deps: AdapterDeps, io: ConsoleIo): ConsoleChatAdapter;
}
