// LISTEN/NOTIFY between replicas on the real PostgreSQL: a message reaches every listener
// (the sender too), a listener whose connection is cut comes back by itself and reports
// the gap, and other channels are not heard.
import { randomBytes } from "node:crypto";
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
