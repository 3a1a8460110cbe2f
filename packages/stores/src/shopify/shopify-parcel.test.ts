import { expect, test } from "bun:test";
import { codOrder } from "./shopify-fixtures.ts";
import { readShopifyOrder } from "./shopify-order.ts";

const parcel = (overrides: Record<string, unknown>) => {
  const read = readShopifyOrder(codOrder(overrides));
  if (!read.ok) throw new Error(read.message);
  return read.order.parcel ?? null;
};

test.each([
  ["not fulfilled", { fulfillment_status: null }, null],
  ["partly fulfilled", { fulfillment_status: "partial" }, null],
  ["fulfilled: shipped", { fulfillment_status: "fulfilled", fulfillments: [{ status: "success", shipment_status: "in_transit" }] }, "shipped"],
  ["fulfilled without carrier news", { fulfillment_status: "fulfilled" }, "shipped"],
  [
    "every fulfillment delivered",
    {
      fulfillment_status: "fulfilled",
      fulfillments: [
        { status: "success", shipment_status: "delivered" },
        { status: "cancelled", shipment_status: null },
      ],
    },
    "delivered",
  ],
  [
    "one of two delivered: still shipped",
    {
      fulfillment_status: "fulfilled",
      fulfillments: [
        { status: "success", shipment_status: "delivered" },
        { status: "success", shipment_status: "out_for_delivery" },
      ],
    },
    "shipped",
  ],
])("Shopify %s → %p", (_name, overrides, expected) => {
  expect(parcel(overrides)).toBe(expected as never);
});
