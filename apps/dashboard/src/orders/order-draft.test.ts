import { expect, test } from "bun:test";
import { checkLine, draftTotalMinor, emptyLine, parseQuantity, toProductsInput, type DraftLine } from "./order-draft.ts";

const line = (name: string, price: string, quantity: string, reference = ""): DraftLine => ({ ...emptyLine(), name, price, quantity, reference });

test("the guide's order totals 109,97 €", () => {
  const lines = [line("Produit A", "29,99", "2", "prod1"), line("Produit B", "49.99", "1", "prod2")];
  expect(draftTotalMinor(lines, "EUR")).toBe(10997);
  expect(toProductsInput(lines, "EUR")).toEqual([
    { id: "prod1", name: "Produit A", price: 29.99, quantity: 2 },
    { id: "prod2", name: "Produit B", price: 49.99, quantity: 1 },
  ]);
});

test("lines without a reference get one; incomplete lines block the order but not the running total", () => {
  expect(toProductsInput([line("Robe", "10", "1")], "EUR")).toEqual([{ id: "line-1", name: "Robe", price: 10, quantity: 1 }]);
  const lines = [line("Robe", "10", "3"), line("", "5", "1")];
  expect(draftTotalMinor(lines, "EUR")).toBe(3500);
  expect(toProductsInput(lines, "EUR")).toBeNull();
  expect(toProductsInput([], "EUR")).toBeNull();
});

test("quantities are whole numbers from 1", () => {
  expect(parseQuantity("3")).toBe(3);
  expect(parseQuantity(" 2 ")).toBe(2);
  for (const bad of ["0", "-1", "1.5", "", "x"]) expect(parseQuantity(bad)).toBeNull();
});

test("each line reports what is wrong", () => {
  expect(checkLine(line("", "1,999", "0"), "EUR")).toEqual({ nameOk: false, priceMinor: null, quantity: null, totalMinor: null });
  expect(checkLine(line("A", "1500", "2"), "XOF").totalMinor).toBe(3000);
});

test("a price the server would refuse is refused here, not rounded", () => {
  for (const [price, currency] of [
    ["1,999", "EUR"],
    ["12,5", "XOF"],
    ["10000000,01", "EUR"],
    ["20000000", "EUR"],
  ] as const) {
    expect(checkLine(line("A", price, "1"), currency).priceMinor, `${price} ${currency}`).toBeNull();
  }
  expect(checkLine(line("A", "10000000", "1"), "EUR").priceMinor).toBe(1_000_000_000);
});
