// LISTEN/NOTIFY between replicas on the real PostgreSQL: a message reaches every listener
// (the sender too), a listener whose connection is cut comes back by itself and reports
// the gap, and other channels are not heard.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, afterEach, beforeAll, expect, it, vi } from "vitest";
import { createNotifier, type Notifier } from "../../src/persist/pg-notify.ts";
import { describePg, postgresUrl } from "../support/postgres.ts";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy.ts";
import { silent } from "./store-places.ts";

describePg("notifications between replicas", () => {
  let proxy: TcpProxy;
  let opened: Notifier[] = [];
  const channel = `virt_talks_test_${randomBytes(4).toString("hex")}`;
  const notifier = (viaProxy = false, ch = channel) => {
    const url = new URL(postgresUrl()!);
    if (viaProxy) url.port = String(proxy.port);
    const n = createNotifier({
      connectionString: url.toString(),
      channel: ch,
      logger: silent,
      backoff: { initialMs: 10, maxMs: 50 },
    });
    opened.push(n);
    return n;
  };

  beforeAll(async () => {
    const target = new URL(postgresUrl()!);
    proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
  });
  afterEach(async () => {
    await Promise.all(opened.map((n) => n.close()));
    opened = [];
  });
  afterAll(() => proxy.close());

  it("delivers a message to every replica listening, the sender included, and no other channel", async () => {
    const [a, b, elsewhere] = [notifier(), notifier(), notifier(false, `${channel}_other`)];
    const heard: string[] = [];
    await a.listen({ message: (p) => heard.push(`a:${p}`) });
    await b.listen({ message: (p) => heard.push(`b:${p}`) });
    await elsewhere.listen({ message: (p) => heard.push(`other:${p}`) });
    await a.notify("reload");
    await vi.waitFor(() => expect([...heard].sort()).toEqual(["a:reload", "b:reload"]));
  });

  it("one replica's notifiers share one listening connection, each hearing its own channel; closing one leaves the other listening", async () => {
    // Another logger is another replica: a session of its own.
    const logger = silent.child({ replica: "shared" });
    const url = postgresUrl()!;
    const make = (ch: string) => {
      const n = createNotifier({ connectionString: url, channel: ch, logger });
      opened.push(n);
      return n;
    };
    const [reloads, subs] = [make(`${channel}_reload`), make(`${channel}_subs`)];
    const heard: string[] = [];
    await reloads.listen({ message: (p) => heard.push(`reload:${p}`) });
    await subs.listen({ message: (p) => heard.push(`subs:${p}`) });
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ n: string }>(
        "SELECT count(*) AS n FROM pg_stat_activity WHERE query LIKE $1 AND pid <> pg_backend_pid()",
        [`LISTEN %${channel}%`],
      );
      expect(rows[0]?.n).toBe("1");
    } finally {
      await admin.end();
    }
    await subs.notify("s1");
    await reloads.notify("r1");
    await vi.waitFor(() => expect([...heard].sort()).toEqual(["reload:r1", "subs:s1"]));

    await subs.close();
    const other = notifier(false, `${channel}_subs`);
    await other.notify("s2");
    await reloads.notify("r2");
    await vi.waitFor(() => expect(heard).toContain("reload:r2"));
    expect(heard.filter((h) => h.startsWith("subs:"))).toEqual(["subs:s1"]);
  });

  it("comes back after its connection is cut, says it may have missed something, and hears again", async () => {
    const [sender, b] = [notifier(), notifier(true)];
    const heard: string[] = [];
    let gaps = 0;
    await b.listen({ message: (p) => heard.push(p), gap: () => gaps++ });
    proxy.cut();
    await vi.waitFor(() => expect(gaps).toBe(1));
    await sender.notify("after the cut");
    await vi.waitFor(() => expect(heard).toEqual(["after the cut"]));
  });
});
