// What every store accepts as a namespace name: a lower-case slug, so it is safe as a file
// name (file store) and never needs quoting in a log line (all stores).
import { StateStoreError, type StoreKind } from "../core/state-store.ts";

const NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function checkNamespaceName(name: string, store: StoreKind): void {
  if (!NAME.test(name))
    throw new StateStoreError(name, "namespace names are lower-case slugs", { store });
}
