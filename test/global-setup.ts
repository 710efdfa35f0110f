// Runs once before any test file: builds dist/ so the tests that spawn the bot run exactly
// what `npm start` runs (see test/support/bot-command.ts).
import { buildBot } from "./support/bot-command.ts";

export default function setup(): void {
  buildBot();
}
