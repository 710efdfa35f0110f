// How the bot builds its adapters. startBot takes these as a parameter so tests can run
// the whole composition in-process with stand-ins where Slack and Matrix would be; the
// real ones are src/adapters/registry.ts, chosen by src/main.ts.
import type { MatrixConfig, SlackConfig } from "../config.ts";
import type {
  AdapterDeps,
  ChatAdapter,
  ConsoleChatAdapter,
  ConsoleIo,
  HttpReceivingAdapter,
} from "../core/ports.ts";

export interface AdapterFactories {
  slack(config: SlackConfig, deps: AdapterDeps): HttpReceivingAdapter;
  matrix(config: MatrixConfig, deps: AdapterDeps): ChatAdapter;
  console(deps: AdapterDeps, io: ConsoleIo): ConsoleChatAdapter;
}
