// The real adapters, for src/main.ts. Kept apart from start.ts so that in-process tests
// of the composition do not load the Slack and Matrix SDKs.
import { createConsoleAdapter } from "../adapters/console/adapter.ts";
import { createMatrixAdapter } from "../adapters/matrix/adapter.ts";
import { createSlackAdapter } from "../adapters/slack/app.ts";
import type { AdapterFactories } from "./factories.ts";

export const REAL_ADAPTERS: AdapterFactories = {
  slack: createSlackAdapter,
  matrix: createMatrixAdapter,
  console: createConsoleAdapter,
};
