// One replica at a time: what an adapter needs of a lease held in the shared database
// (src/persist/lease.ts) when several replicas run, e.g. the one Matrix syncer. Kept in
// core so adapters depend on the contract, not on PostgreSQL.
import type { StateStore } from "./state-store.ts";

export type HolderRole = "holder" | "standby";

export interface SingleHolder {
  role(): HolderRole;
  /** The lease's epoch while held, else null. */
  epoch(): number | null;
  /** Called on every change of role or epoch; returns how to stop listening. */
  onChange(listener: (role: HolderRole, epoch: number | null) => void): () => void;
  /**
   * The epoch if still held `marginMs` from now by this process's own clock; throws
   * otherwise (a replica woken from a pause finds its lease over before it sends).
   */
  assertHeld(marginMs?: number): number;
  /** Namespaces whose writes go through only while the lease is held at its epoch. */
  readonly fencedStore: StateStore;
}
