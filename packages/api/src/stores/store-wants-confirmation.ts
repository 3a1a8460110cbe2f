import type { Store } from "@confirma/db";

/** Does the store want the WhatsApp request for an order paid this way? (A person correcting the phone asks the same.) */
export function storeWantsConfirmation(store: Pick<Store, "confirm">, cashOnDelivery: boolean): boolean {
  return store.confirm === "all" || (store.confirm === "cod" && cashOnDelivery);
}
