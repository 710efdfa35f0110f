// The real adapters, for src/main.ts. Kept apart from start.ts so that in-process tests
// of the composition do not load the Slack and Matrix SDKs.
import { createConsoleAdapter } from "../adapters/console/adapter.ts";
import { createMatrixAdapter } from "../adapters/matrix/adapter.ts";
import { createSlackAdapter } from "../adapters/slack/app.ts";
import { classifyWebApiError } from "../adapters/slack/web-client.ts";
import type { AdapterFactories } from "./factories.ts";

export const REAL_ADAPTERS: AdapterFactories = {
  slack: createSlackAdapter,
  // A timeout or a 5xx after the request went out: Slack may have posted.
  slackOutcomeUnknown: (error) => classifyWebApiError(error).kind === "ambiguous",
  matrix: createMatrixAdapter,
  console: createConsoleAdapter,
};
