// The console adapter's streams for in-process tests: what to type, and what it printed.
import { PassThrough } from "node:stream";

export function consoleStreams(): {
  input: PassThrough;
  output: PassThrough;
  printed: () => string;
} {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = "";
  output.on("data", (c: Buffer) => {
    printed += c.toString("utf8");
  });
  return { input, output, printed: () => printed };
}
