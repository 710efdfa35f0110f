// POST /admin/reload on one replica reloads all, through the real PostgreSQL's
// LISTEN/NOTIFY: the replica asked reloads once (not again on its own notification), the
// others reload from their files; so does a sources sync's reload; SIGHUP stays local.
import { afterEach, expect, it } from "vitest";
import type { CatalogReloader, ReloadOutcome } from "../../src/app/reload.ts";
import { type BroadcastReloads, broadcastReloads } from "../../src/app/replica-reload.ts";
import { silent } from "../persist/store-places.ts";
import { describePg, postgresUrl } from "../support/postgres.ts";

/** A reloader that records why it was asked (the real one needs a catalog on disk). */
function recording() {
  const reasons: string[] = [];
  const ok: ReloadOutcome = { ok: true, talks: 1, ms: 0 };
  const reloader: CatalogReloader = {
    reload: (reason) => {
      reasons.push(reason);
      return ok;
    },
    reloadInSlices: async (reason) => {
      reasons.push(reason);
      return ok;
    },
  };
  return { reasons, reloader };
}

const open: BroadcastReloads[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((b) => b.close()));
});

async function replica(schema: string) {
  const r = recording();
  const url = postgresUrl();
  if (!url) throw new Error("no PostgreSQL");
  const b = broadcastReloads(r.reloader, { connectionString: url, schema, logger: silent });
  open.push(b);
  await b.listening;
  return { ...r, broadcast: b };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
};

describePg("reloads across replicas", () => {
  it("an admin reload on one replica reloads every replica of the deployment once", async () => {
    const schema = `reload_${process.pid}_${Date.now()}`;
    const [a, b, c] = [await replica(schema), await replica(schema), await replica(schema)];
    const elsewhere = await replica(`${schema}_other`);
    expect(await a.broadcast.reloader.reloadInSlices("admin")).toEqual({
      ok: true,
      talks: 1,
      ms: 0,
    });
    await until(() => b.reasons.length === 1 && c.reasons.length === 1);
    // Its own notification came back too (LISTEN hears it): a second reload would show here.
    await a.broadcast.reloader.reloadInSlices("SIGHUP");
    await until(() => a.reasons.length === 2);
    // A sources sync that changed the catalog (on the one replica that syncs) reaches all.
    await a.broadcast.reloader.reloadInSlices("sources");
    await until(() => b.reasons.length === 2 && c.reasons.length === 2);
    expect([a.reasons, b.reasons, c.reasons, elsewhere.reasons]).toEqual([
      ["admin", "SIGHUP", "sources"],
      ["replica", "replica"],
      ["replica", "replica"],
      [],
    ]);
  });
});
