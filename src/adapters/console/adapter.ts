// The console adapter: a readline prompt that answers like the chat bots do, for trying
// the bot locally and for printing the talk of the day without any chat platform.
import { createInterface, type Interface } from "node:readline";
import type { Answer } from "../../core/answer.ts";
import type { TalkCard } from "../../core/card.ts";
import { consoleCard, NOTHING_TO_PAGE, renderConsoleAnswer } from "../../render/console/answer.ts";
import { clean } from "../../render/console/text.ts";
import type { AdapterDeps, AdapterHealth, AdapterState, ChatAdapter } from "../types.ts";

export interface ConsoleIo {
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  /** Prompt text; defaults to "virt> " when the input is a terminal, none when piped. */
  readonly prompt?: string;
}

export interface ConsoleAdapter extends ChatAdapter {
  /** Resolves once the console is done: end of input (Ctrl-D), `quit`/`exit`, or stop(). */
  readonly closed: Promise<void>;
}

/** How many idempotency keys postCard remembers; the talk of the day posts one a day. */
const REMEMBERED_POSTS = 64;
const PREFIX = /^\/virt(?:\s+|$)/i;
const QUIT = new Set(["quit", "exit", "/quit", "/exit"]);

interface LastSearch {
  readonly query: string;
  readonly offset: number;
  readonly count: number;
  readonly total: number;
}

export function createConsoleAdapter(deps: AdapterDeps, io: ConsoleIo): ConsoleAdapter {
  // No rate limiting here: the one user is the operator at the keyboard (or a piped
  // file of queries), and throttling them would only get in the way.
  const { core, logger, observer } = deps;
  // Line editing and history only when a person is at a terminal on both ends; a piped
  // input or a redirected output gets plain lines without cursor escapes.
  const isTTY = (s: object) => (s as { isTTY?: boolean }).isTTY === true;
  const interactive = isTTY(io.input) && isTTY(io.output);
  const prompt = io.prompt ?? (interactive ? "virt> " : "");
  let state: AdapterState = "starting";
  let rl: Interface | null = null;
  let last: LastSearch | null = null;
  const posted: string[] = [];
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
  function reply(text: string): void {
    write(`${text}\n`);
  }

  function showPrompt(): void {
    if (rl && prompt) rl.prompt();
  }

  function remember(answer: Answer): void {
    if (answer.kind === "results") {
      last = {
        query: answer.query,
        offset: answer.offset,
        count: answer.hits.length,
        total: answer.total,
      };
    } else if (answer.kind === "no-results") {
      last = null;
    }
  }

  /** The next page of the last search, or a message saying why there is none. */
  function nextPage(): Answer | string {
    if (!last) return NOTHING_TO_PAGE;
    const offset = last.offset + last.count;
    if (offset >= last.total) {
      const n = last.total === 1 ? "1 talk" : `${last.total} talks`;
      return `That was all for "${clean(last.query)}" (${n}). Try another search.`;
    }
    return core.answer(last.query, { offset });
  }

  function handle(line: string): void {
    // Lines already buffered when `quit` closed the prompt are dropped.
    if (state === "stopped") return;
    const started = performance.now();
    // Whole escape sequences go (arrow keys in a dumb terminal, pasted colour codes), not
    // just their ESC byte, so "[31mnuma" does not reach the search as a word.
    const text = clean(line).replace(PREFIX, "").trim();
    if (QUIT.has(text.toLowerCase())) {
      write("Bye.");
      rl?.close();
      return;
    }
    let command = "error";
    let results = 0;
    let outcome: "ok" | "error" = "ok";
    try {
      let answer = core.answer(text);
      command = answer.kind;
      if (answer.kind === "more") {
        const page = nextPage();
        if (typeof page === "string") {
          reply(page);
        } else {
          answer = page;
        }
      }
      if (answer.kind !== "more") {
        remember(answer);
        results = answer.kind === "results" ? answer.hits.length : answer.kind === "talk" ? 1 : 0;
        reply(renderConsoleAnswer(answer));
      }
    } catch (err) {
      // core.answer never throws by contract; this guards the renderer and the stream.
      outcome = "error";
      logger.error({ err }, "console request failed");
      reply("Sorry, something went wrong answering that.");
    }
    observer.answered({
      platform: "console",
      command,
      results,
      latencyMs: performance.now() - started,
      outcome,
    });
    showPrompt();
  }

  return {
    platform: "console",
    closed,
    async start() {
      if (rl || state === "stopped") return;
      rl = createInterface({ input: io.input, output: io.output, terminal: interactive, prompt });
      rl.on("line", handle);
      rl.on("close", () => {
        if (interactive) write("");
        state = "stopped";
        rl = null;
        markClosed();
      });
      state = "up";
      const n = core.catalog.talks.length;
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
    async postCard(_destination: string, card: TalkCard, idempotencyKey: string) {
      if (posted.includes(idempotencyKey)) return;
      if (!io.output.writable) throw new Error("console output is closed");
      posted.push(idempotencyKey);
      if (posted.length > REMEMBERED_POSTS) posted.shift();
      // Start on a fresh line when a person is sitting at the prompt.
      io.output.write(`${rl && prompt ? "\n" : ""}${consoleCard(card)}\n`);
      showPrompt();
    },
  };
}
