import type { Order, ShippingAddress, UpdateOrderDetailsInput } from "../api/types.ts";

/** The address fields an agent corrects, in the form's order. */
export const ADDRESS_FIELDS = ["name", "address1", "address2", "postcode", "city", "region", "country"] as const;
export type AddressField = (typeof ADDRESS_FIELDS)[number];

export interface DetailsDraft {
  phone: string;
  address: Record<AddressField, string>;
}

/** The correction form, filled with what the order has now. */
export function detailsDraft(order: Pick<Order, "client" | "shippingAddress">): DetailsDraft {
  const address = order.shippingAddress;
  return {
    phone: order.client?.phoneNumber ?? "",
    address: Object.fromEntries(ADDRESS_FIELDS.map((field) => [field, address?.[field] ?? ""])) as Record<AddressField, string>,
  };
}

/**
 * `orders.updateDetails`' input without the id: the address fields that differ (an emptied one
 * cleared with null) and the phone when it was changed (the server normalises it, and a number
 * typed differently but the same changes nothing). Null when nothing changed.
 */
export function detailsChanges(order: Pick<Order, "client" | "shippingAddress">, draft: DetailsDraft): Omit<UpdateOrderDetailsInput, "id"> | null {
  const current: Partial<ShippingAddress> = order.shippingAddress ?? {};
  const shippingAddress: Partial<Record<AddressField, string | null>> = {};
  for (const field of ADDRESS_FIELDS) {
    const typed = draft.address[field].trim();
    if (typed !== (current[field] ?? "")) shippingAddress[field] = typed || null;
  }
  const phone = draft.phone.trim();
  const changes: Omit<UpdateOrderDetailsInput, "id"> = {};
  if (Object.keys(shippingAddress).length > 0) changes.shippingAddress = shippingAddress;
  if (phone && phone !== (order.client?.phoneNumber ?? "")) changes.phone = phone;
  return Object.keys(changes).length > 0 ? changes : null;
}
