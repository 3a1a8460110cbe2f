import { describe, expect, test } from "bun:test";
import { draftFromProducts, lineFromProduct, linesEditable, moveActive, newClientFrom, shippingAddressInput, typedPrice } from "./order-entry.ts";
import { toProductsInput } from "./order-draft.ts";

describe("newClientFrom", () => {
  test.each([
    ["06 12 34 56 78", { phoneNumber: "06 12 34 56 78", name: "" }],
    ["+212 661-23.45.67", { phoneNumber: "+212 661-23.45.67", name: "" }],
    ["  Amina Benali ", { phoneNumber: "", name: "Amina Benali" }],
    ["12345", { phoneNumber: "", name: "12345" }],
    ["Amina 0612", { phoneNumber: "", name: "Amina 0612" }],
  ])("%p", (typed, expected) => expect(newClientFrom(typed)).toEqual(expected));
});

describe("lineFromProduct", () => {
  const line = { key: 1, name: "Mon", reference: "", price: "", quantity: "2" };
  const product = { id: "w1", name: "Montre Élégance", sku: null, variantId: null, price: 189.5, currency: "MAD", uses: 3 };
  test("fills the name, the reference and the last price in the same currency; keeps the quantity", () => {
    expect(lineFromProduct(line, product, "MAD")).toEqual({ key: 1, name: "Montre Élégance", reference: "w1", price: "189,50", quantity: "2" });
  });
  test("another currency: the price is left to type", () => {
    expect(lineFromProduct(line, product, "EUR").price).toBe("");
  });
});

describe("moveActive", () => {
  test.each([
    [-1, "ArrowDown", 3, 0],
    [2, "ArrowDown", 3, 0],
    [0, "ArrowUp", 3, 2],
    [-1, "ArrowUp", 3, 2],
    [1, "ArrowUp", 3, 0],
    [0, "ArrowDown", 0, -1],
  ] as const)("%p %p of %p → %p", (active, key, count, expected) => expect(moveActive(active, key, count)).toBe(expected));
});

describe("shippingAddressInput", () => {
  test("empty → none; trimmed fields given", () => {
    expect(shippingAddressInput({ address1: " ", city: "" })).toBeUndefined();
    expect(shippingAddressInput({ address1: " 12 rue Fès ", city: "" })).toEqual({ address1: "12 rue Fès" });
    expect(shippingAddressInput({ address1: "12 rue Fès", city: "Rabat" })).toEqual({ address1: "12 rue Fès", city: "Rabat" });
  });
});

describe("typedPrice and draftFromProducts", () => {
  test("the currency's decimals, with a comma", () => {
    expect(typedPrice(89.9, "EUR")).toBe("89,90");
    expect(typedPrice(1500, "XOF")).toBe("1500");
    expect(typedPrice(2.5, "TND")).toBe("2,500");
  });
  test("an order's lines come back unchanged through the draft", () => {
    const products = [
      { id: "a", name: "Savon", price: 19.99, quantity: 3 },
      { id: "line-2", name: "Crème", price: 0.2, quantity: 1 },
    ];
    expect(toProductsInput(draftFromProducts(products, "EUR"), "EUR")).toEqual(products);
  });
});

test("linesEditable: pending and no_answer only", () => {
  expect(["pending", "no_answer", "confirmed", "cancelled", "shipped"].map(linesEditable)).toEqual([true, true, false, false, false]);
});
