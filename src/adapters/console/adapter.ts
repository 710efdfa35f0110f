// The console adapter: a readline prompt that answers like the chat bots do, for trying
// the bot locally and for printing the talk of the day without any chat platform. It
// accepts every platform's way of addressing the bot ("/virt numa", "!virt numa",
// "virt-talks: numa", bare "numa") so an admin can rehearse what they will type.
import { createInterface, type Interface } from "node:readline";
import type {
  AdapterDeps,
  AdapterHealth,
  AdapterState,
  ConsoleChatAdapter,
  ConsoleIo,
} from "../../core/adapter.ts";
import { stripAddress } from "../../core/address.ts";
import { answerRequest } from "../../core/respond.ts";
import { renderConsoleAnswer } from "../../render/console/answer.ts";
import { clean } from "../../render/console/text.ts";

const QUIT = new Set(["quit", "exit", "/quit", "/exit"]);
/** The one person at the keyboard, in the one conversation a console has. */
const SESSION = { conversation: "console", user: "operator" } as const;

export function createConsoleAdapter(deps: AdapterDeps, io: ConsoleIo): ConsoleChatAdapter {
  const { turn, logger, observer } = deps;
  // Line editing and history only when a person is at a terminal on both ends; a piped
  // input or a redirected output gets plain lines without cursor escapes.
  const isTTY = (s: object) => (s as { isTTY?: boolean }).isTTY === true;
  const interactive = isTTY(io.input) && isTTY(io.output);
  const prompt = io.prompt ?? (interactive ? "virt> " : "");
  let state: AdapterState = "starting";
  let rl: Interface | null = null;
  /** Answers run one after another, in the order the lines came. */
  let queue: Promise<void> = Promise.resolve();
  let markClosed: () => void = () => {};
  const closed = new Promise<void>((resolve) => {
    markClosed = resolve;
  });

  function write(text: string): void {
    // A closed pipe (`| head`) must not turn into a crash of the bot.
    if (!io.output.writable) return;
    try {
      io.output.write(`${text}\n`);
    } catch (err) {
      logger.debug({ err }, "console output failed");
    }
  }

  /** An answer, then a blank line, so consecutive answers stay apart when piped. */
  const reply = (text: string) => write(`${text}\n`);

  function showPrompt(): void {
    if (rl && prompt) rl.prompt();
  }

  const answered = {
    platform: "console",
    clock: () => performance.now(),
    observer,
    onObserverError: (err: unknown) => logger.warn({ err }, "request observer failed"),
  } as const;

  async function answer(text: string): Promise<void> {
    try {
      await answerRequest(answered, {
        ask: () => turn.handle({ platform: "console", ...SESSION, text }),
        render: renderConsoleAnswer,
        send: async (rendered) => reply(rendered),
      });
    } catch (err) {
      // The turn never throws by contract; this guards the renderer and the stream.
      logger.error({ err }, "console request failed");
      reply("Sorry, something went wrong answering that.");
    }
    showPrompt();
  }

  function handle(line: string): void {
    // Lines already buffered when `quit` closed the prompt are dropped.
    if (state === "stopped") return;
    // Whole escape sequences go (arrow keys in a dumb terminal, pasted colour codes), not
    // just their ESC byte, so "[31mnuma" does not reach the search as a word.
    const text = stripAddress(clean(line));
    if (QUIT.has(text.toLowerCase())) {
      state = "stopped";
      queue = queue.then(() => {
        write("Bye.");
        rl?.close();
      });
      return;
    }
    queue = queue.then(() => answer(text));
  }

  return {
    platform: "console",
    closed,
    async start() {
      if (rl || state === "stopped") return;
      rl = createInterface({ input: io.input, output: io.output, terminal: interactive, prompt });
      rl.on("line", handle);
      rl.on("close", () => {
        // Answers to lines read before the end still go out, then the console is done.
        void queue.then(() => {
          if (interactive) write("");
          state = "stopped";
          rl = null;
          markClosed();
        });
      });
      state = "up";
      const n = io.catalogSize();
      write(`virt-talks console: ${n} talks loaded — type help for commands, Ctrl-D to quit.`);
      showPrompt();
    },
    async stop() {
      if (rl) rl.close();
      else if (state !== "stopped") {
        state = "stopped";
        markClosed();
      }
      await closed;
    },
    health(): AdapterHealth {
      return { state };
    },
  };
}
