// A vitest setup file: every line any pino logger writes in this test file, whatever its
// destination (a harness's array, a no-op, stdout), is also copied to the log sink, so the
// suite-wide secret check sees in-process logs without each test wiring it.
//
// pino builds each line in its prototype's asJson method and hands the returned string,
// unchanged, to the destination; wrapping that method sees exactly what is written and
// changes nothing. This reaches into pino's internals (pino.symbols.asJsonSym), so the tap
// checks itself through the program's own logger factory and fails loudly if it sees nothing.
import pino from "pino";
import { createLogger } from "../../src/log.ts";
import { logSink } from "./log-sink.ts";

const TAP = Symbol.for("virt-talks.test.log-tap");
type Tap = (line: string) => void;
type AsJson = (this: unknown, ...args: unknown[]) => string;
const host = globalThis as { [TAP]?: Tap };

// Each logger's prototype is created from pino's one shared prototype object.
const shared = Object.getPrototypeOf(
  Object.getPrototypeOf(pino({ level: "silent" }, { write() {} })),
) as Record<symbol, unknown>;
const asJson = shared[pino.symbols.asJsonSym] as AsJson & { [TAP]?: true };
if (typeof asJson !== "function") {
  throw new Error("log tap: pino's asJson method is gone (pino internals changed); fix log-tap.ts");
}
if (!asJson[TAP]) {
  const tapped: AsJson & { [TAP]?: true } = function (this: unknown, ...args) {
    const line = asJson.apply(this, args);
    host[TAP]?.(line);
    return line;
  };
  tapped[TAP] = true;
  shared[pino.symbols.asJsonSym] = tapped;
}

let seen = "";
host[TAP] = (line) => {
  seen += line;
};
createLogger({ level: "info", pretty: false, destination: { write() {} } }).info("log tap check");
if (!seen.includes("log tap check")) {
  throw new Error("log tap: a line from src/log.ts's createLogger did not pass the tap");
}

const sink = logSink("pino");
host[TAP] = (line) => sink.write(line);
