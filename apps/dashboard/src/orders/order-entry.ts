import { AWAITING_REPLY, currencyDigits } from "@confirma/domain";
import type { CatalogueProduct } from "../api/types.ts";
import { emptyLine, type DraftLine } from "./order-draft.ts";

/**
 * What a person typed in the "phone or name" field, as the start of a new client: a number
 * (digits, spaces, dots, dashes, a leading `+`, at least 6 digits) goes to the phone, anything
 * else to the name.
 */
export function newClientFrom(typed: string): { phoneNumber: string; name: string } {
  const text = typed.trim();
  const digits = text.replace(/\D/g, "").length;
  return /^\+?[\d\s.\-()]+$/.test(text) && digits >= 6 ? { phoneNumber: text, name: "" } : { phoneNumber: "", name: text };
}

/** A product already sold, put on a line: its name and id, and its last price when it was sold in this currency. */
export function lineFromProduct(line: DraftLine, product: CatalogueProduct, currency: string): DraftLine {
  return {
    ...line,
    name: product.name,
    reference: product.id,
    price: product.currency === currency ? typedPrice(product.price, currency) : line.price,
  };
}

/** The option a key moves to in a list of `count` (wrapping; -1 = none active). */
export function moveActive(active: number, key: "ArrowDown" | "ArrowUp", count: number): number {
  if (count === 0) return -1;
  if (key === "ArrowDown") return active + 1 >= count ? 0 : active + 1;
  return active <= 0 ? count - 1 : active - 1;
}

/** The address typed in the dialog, as `orders.create` takes it; undefined when left empty. */
export function shippingAddressInput(address: { address1: string; city: string }): { address1?: string; city?: string } | undefined {
  const address1 = address.address1.trim();
  const city = address.city.trim();
  if (!address1 && !city) return undefined;
  return { ...(address1 ? { address1 } : {}), ...(city ? { city } : {}) };
}

/** A price as the dashboard's fields show it: `89,90` (the currency's decimals, a comma). */
export function typedPrice(price: number, currency: string): string {
  return price.toFixed(currencyDigits(currency) ?? 2).replace(".", ",");
}

/** An order's lines as the edit dialog starts them: each keeps its product id as its reference. */
export function draftFromProducts(products: readonly { id: string; name: string; price: number; quantity: number }[], currency: string): DraftLine[] {
  return products.map((product) => ({
    ...emptyLine(),
    name: product.name,
    reference: product.id,
    price: typedPrice(product.price, currency),
    quantity: String(product.quantity),
  }));
}

/** Whether an order's items may still change: still waiting for the answer (the server refuses others with 409 `illegal_transition`). */
export function linesEditable(status: string): boolean {
  return (AWAITING_REPLY as readonly string[]).includes(status);
}
