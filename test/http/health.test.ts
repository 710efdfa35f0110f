// /healthz's replica section: role, lease epoch and the shared database's reachability.
import { describe, expect, it } from "vitest";
import { healthReport, type ReplicaStatus } from "../../src/http/health.ts";

const report = (replica: ReplicaStatus | null) =>
  healthReport({
    adapters: () => ({ matrix: { state: "up" } }),
    catalogTalks: () => 3,
    catalogVersion: () => "3-0123456789ab",
    totd: () => null,
    store: { kind: "postgres", where: "127.0.0.1:5432/test schema virt_talks" },
    replica: () => replica,
  });

describe("healthReport with replicas", () => {
  it("shows the role and epoch of the syncer, and stays ok while the database answers", () => {
    const { statusCode, body } = report({ database: "reachable", role: "syncer", epoch: 4 });
    expect([statusCode, body.status]).toEqual([200, "ok"]);
    expect(body.replica).toEqual({ database: "reachable", role: "syncer", epoch: 4 });
    expect(body.catalog).toEqual({ talks: 3, version: "3-0123456789ab" });
  });

  it("is degraded (still 200) while the database does not answer", () => {
    const { statusCode, body } = report({ database: "unreachable", role: "standby", epoch: null });
    expect([statusCode, body.status]).toEqual([200, "degraded"]);
  });

  it("has no replica section on the file store", () => {
    expect(report(null).body).not.toHaveProperty("replica");
  });
});
