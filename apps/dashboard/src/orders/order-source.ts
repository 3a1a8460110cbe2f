import type { Order, ShippingAddress, StorePlatform } from "../api/types.ts";
import { orderNumber } from "../format/format.ts";
import type { Phrase } from "./status-history.ts";

/** The platforms' own names; a custom store goes by its name. */
export const PLATFORM_NAMES: Record<StorePlatform, string | null> = { shopify: "Shopify", woocommerce: "WooCommerce", youcan: "YouCan", custom: null };

/** The number people know the order by: the store's (`#1001`), else Confirma's (`#74A1CE`). */
export function orderLabel(order: Pick<Order, "id" | "externalNumber">): string {
  return order.externalNumber ?? orderNumber(order.id);
}

/** Where the order came from: the store's name, its number there and the order's page in the store's admin. */
export function storeReference(order: Pick<Order, "store" | "externalNumber" | "externalId" | "externalUrl">): {
  storeName: string;
  number: string | null;
  url: string | null;
} | null {
  if (!order.store) return null;
  return { storeName: order.store.name, number: order.externalNumber ?? order.externalId, url: order.externalUrl };
}

/** The address as it is written on a parcel: name, street lines, postcode and city, region and country; empty parts left out. */
export function addressLines(address: ShippingAddress | null): string[] {
  if (!address) return [];
  const join = (parts: (string | null)[], separator: string) => parts.filter((part) => part?.trim()).join(separator);
  return [address.name, address.address1, address.address2, join([address.postcode, address.city], " "), join([address.region, address.country], ", ")].filter(
    (line): line is string => Boolean(line?.trim()),
  );
}

/** One line for a list: street and city (`12 rue Atlas, Casablanca`). */
export function addressSummary(address: ShippingAddress | null): string | null {
  if (!address) return null;
  const line = [address.address1, address.city].filter((part) => part?.trim()).join(", ");
  return line || null;
}

/** The store refused the last write-back: who refused, in what words (`Shopify n’a pas accepté la mise à jour : …`). */
export function writeBackProblem(order: Pick<Order, "store" | "writeBack">): Phrase | null {
  const error = order.writeBack?.error;
  if (!error) return null;
  const platform = order.store ? (PLATFORM_NAMES[order.store.platform] ?? order.store.name) : null;
  return platform ? { key: "order.writeBack.failed", params: { platform, error } } : { key: "order.writeBack.failedStore", params: { error } };
}
