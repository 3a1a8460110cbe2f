import type { Store } from "../api/types.ts";
import type { Phrase } from "../orders/status-history.ts";

export type HealthState = "ok" | "waiting" | "error";

export interface StoreHealth {
  /** One word for the badge: working, nothing yet, or the last write-back failed. */
  state: HealthState;
  orders: Phrase;
  writeBack: Phrase;
}

/**
 * The connection's health in plain words: when the last order arrived, and whether the last
 * write-back to the store worked (and if not, what the platform said). A failure older than the
 * last success is over. `date` formats an ISO instant for the reader.
 */
export function storeHealth(store: Pick<Store, "platform" | "health">, date: (iso: string) => string): StoreHealth {
  const { lastOrderAt, lastWriteBackAt, lastWriteBackError, lastWriteBackErrorAt } = store.health;
  const orders: Phrase = lastOrderAt ? { key: "stores.health.lastOrder", params: { date: date(lastOrderAt) } } : { key: "stores.health.noOrderYet" };
  const failing = Boolean(lastWriteBackError) && (!lastWriteBackAt || !lastWriteBackErrorAt || lastWriteBackErrorAt >= lastWriteBackAt);
  let writeBack: Phrase;
  if (store.platform === "custom") writeBack = { key: "stores.health.noWriteBackCustom" };
  else if (failing)
    writeBack = {
      key: "stores.health.writeBackFailed",
      params: { date: lastWriteBackErrorAt ? date(lastWriteBackErrorAt) : "—", error: lastWriteBackError ?? "" },
    };
  else if (lastWriteBackAt) writeBack = { key: "stores.health.lastWriteBack", params: { date: date(lastWriteBackAt) } };
  else writeBack = { key: "stores.health.noWriteBackYet" };
  const state: HealthState = failing ? "error" : lastOrderAt ? "ok" : "waiting";
  return { state, orders, writeBack };
}
