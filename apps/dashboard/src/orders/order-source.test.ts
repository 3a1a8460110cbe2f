import { expect, test } from "bun:test";
import { addressLines, addressSummary, orderLabel, storeReference, writeBackProblem } from "./order-source.ts";

const address = {
  name: "Youssef Amrani",
  address1: "12 rue Atlas",
  address2: null,
  city: "Casablanca",
  region: "Casablanca-Settat",
  postcode: "20000",
  country: "MA",
  phone: null,
};
const shopify = { id: "s1", name: "Boutique Atlas", platform: "shopify" as const };

test("an order goes by the store's number when it has one", () => {
  expect(orderLabel({ id: "01a213bb-8692-74ea-9ba9-d408fef5e624", externalNumber: "#1001" })).toBe("#1001");
  expect(orderLabel({ id: "01a213bb-8692-74ea-9ba9-d408fef5e624", externalNumber: null })).toBe("#F5E624");
});

test("the store reference names the store, its number and the admin link; none for an order made here", () => {
  expect(storeReference({ store: shopify, externalNumber: "#1001", externalId: "5678", externalUrl: "https://atlas.myshopify.com/admin/orders/5678" })).toEqual(
    {
      storeName: "Boutique Atlas",
      number: "#1001",
      url: "https://atlas.myshopify.com/admin/orders/5678",
    },
  );
  expect(storeReference({ store: shopify, externalNumber: null, externalId: "5678", externalUrl: null })?.number).toBe("5678");
  expect(storeReference({ store: null, externalNumber: null, externalId: null, externalUrl: null })).toBeNull();
});

test("the address reads as on a parcel, empty parts left out", () => {
  expect(addressLines(address)).toEqual(["Youssef Amrani", "12 rue Atlas", "20000 Casablanca", "Casablanca-Settat, MA"]);
  expect(addressLines({ ...address, name: null, postcode: null, region: null, country: null })).toEqual(["12 rue Atlas", "Casablanca"]);
  expect(addressLines(null)).toEqual([]);
  expect(addressSummary(address)).toBe("12 rue Atlas, Casablanca");
  expect(addressSummary({ ...address, address1: null, city: null })).toBeNull();
});

test("a refused write-back names the platform and its words", () => {
  expect(writeBackProblem({ store: shopify, writeBack: { at: null, error: "401 Invalid API key" } })).toEqual({
    key: "order.writeBack.failed",
    params: { platform: "Shopify", error: "401 Invalid API key" },
  });
  expect(writeBackProblem({ store: { ...shopify, platform: "custom" }, writeBack: { at: null, error: "x" } })?.params).toEqual({
    platform: "Boutique Atlas",
    error: "x",
  });
  expect(writeBackProblem({ store: null, writeBack: { at: null, error: "x" } })).toEqual({ key: "order.writeBack.failedStore", params: { error: "x" } });
  expect(writeBackProblem({ store: shopify, writeBack: { at: "2026-11-29T10:00:00Z", error: null } })).toBeNull();
});
