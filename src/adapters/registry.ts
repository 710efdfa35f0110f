// The real adapters, for src/main.ts (the one module outside src/adapters/ that picks
// them). Kept apart from src/app so in-process tests of the composition do not load the
// Slack and Matrix SDKs.
import type { AdapterFactories } from "../app/factories.ts";
import { createConsoleAdapter } from "./console/adapter.ts";
import { createMatrixAdapter } from "./matrix/adapter.ts";
import { createSingleSyncer } from "./matrix/single-syncer.ts";
import { createSlackAdapter } from "./slack/app.ts";

export const REAL_ADAPTERS: AdapterFactories = {
  slack: (config, deps) => {
    const onOutcome = deps.replica?.onClaimOutcome;
    const onAnswerWithdrawn = deps.replica?.onAnswerWithdrawn;
    return createSlackAdapter(config, deps, {
      ...(onOutcome ? { claims: { onOutcome } } : {}),
      ...(onAnswerWithdrawn ? { onAnswerWithdrawn } : {}),
    });
  },
  // Replicas (DATABASE_URL): only the holder of the "matrix-sync" lease syncs and sends.
  matrix: (config, deps) => {
    const lease = deps.replica?.matrixSync;
    return lease
      ? createSingleSyncer(lease, (extra) => createMatrixAdapter(config, deps, extra), deps.logger)
      : createMatrixAdapter(config, deps);
  },
  console: createConsoleAdapter,
};
