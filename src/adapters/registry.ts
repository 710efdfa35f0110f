// The real adapters, for src/main.ts (the one module outside src/adapters/ that picks
// them). Kept apart from src/app so in-process tests of the composition do not load the
// Slack and Matrix SDKs.
import type { AdapterFactories } from "../app/factories.ts";
import { createConsoleAdapter } from "./console/adapter.ts";
import { createMatrixAdapter } from "./matrix/adapter.ts";
import { createSlackAdapter } from "./slack/app.ts";

export const REAL_ADAPTERS: AdapterFactories = {
  slack: createSlackAdapter,
  matrix: createMatrixAdapter,
  console: createConsoleAdapter,
};
