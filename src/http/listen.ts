// Listening and stopping, the same for both HTTP servers (the operator server and the
// public pages): listen or fail with the bind error; close by refusing new connections,
// letting requests in flight finish for a grace period, then cutting what is left.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

export async function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return server.address() as AddressInfo;
}

/** The server's close(graceMs): idempotent, resolves once every connection is gone. */
export function gracefulClose(server: Server): (graceMs?: number) => Promise<void> {
  let closing: Promise<void> | null = null;
  return (graceMs = 3_000) => {
    closing ??= new Promise<void>((resolve) => {
      const force = setTimeout(() => server.closeAllConnections(), graceMs);
      force.unref();
      server.close(() => {
        clearTimeout(force);
        resolve();
      });
      server.closeIdleConnections();
    });
    return closing;
  };
}
