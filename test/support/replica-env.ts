// The environment of one Matrix replica on a shared PostgreSQL schema (test/app/replica,
// test/soak/matrix-replicas): its own port and STATE_DIR, the deployment's database.
import type { FakeHomeserver } from "../../bench/shared/fakes/homeserver.ts";
import type { TestSchema } from "./postgres.ts";
import { MATRIX_HARNESS_TOKEN } from "./secrets.ts";
import { tempDir } from "./totd-helpers.ts";

export function replicaEnv(schema: TestSchema, hs: FakeHomeserver): Record<string, string> {
  return {
    HOST: "127.0.0.1",
    PORT: "0",
    STATE_DIR: tempDir(),
    DATABASE_URL: schema.url,
    DATABASE_SCHEMA: schema.name,
    MATRIX_HOMESERVER_URL: hs.url,
    MATRIX_ACCESS_TOKEN: MATRIX_HARNESS_TOKEN,
  };
}
