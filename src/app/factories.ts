// How the bot builds its adapters. startBot takes these as a parameter so tests can run
// the whole composition in-process with stand-ins where Slack and Matrix would be; the
// real ones are src/adapters/registry.ts, chosen by src/main.ts.
import type { MatrixConfig, SlackConfig } from "../config.ts";
import type {
  AdapterDeps,
  ConsoleChatAdapter,
  ConsoleIo,
  HttpReceivingAdapter,
  PostingChatAdapter,
} from "../core/adapter.ts";

export interface AdapterFactories {
  slack(config: SlackConfig, deps: AdapterDeps): HttpReceivingAdapter;
  matrix(config: MatrixConfig, deps: AdapterDeps): PostingChatAdapter;
  console(deps: AdapterDeps, io: ConsoleIo): ConsoleChatAdapter;
}
