import { expect, test } from "bun:test";
import { isClientStatus, isOrderStatus, nextOrderStatuses, ORDER_STATUSES } from "./order-status.ts";

test.each([
  ["pending", ["confirmed", "cancelled", "no_answer"]],
  ["no_answer", ["pending", "confirmed", "cancelled"]],
  ["confirmed", ["shipped", "cancelled", "pending"]],
  ["cancelled", ["pending"]],
  ["shipped", ["delivered", "returned"]],
  ["delivered", ["returned"]],
  ["returned", []],
] as const)("from %s an order may go to %p", (from, to) => {
  expect([...nextOrderStatuses(from)]).toEqual([...to]);
});

test("no transition leads to the status it starts from, and every target is a status", () => {
  for (const from of ORDER_STATUSES) {
    for (const to of nextOrderStatuses(from)) {
      expect(to).not.toBe(from);
      expect(isOrderStatus(to)).toBe(true);
    }
  }
});

test("status guards", () => {
  expect(isOrderStatus("no_answer")).toBe(true);
  expect(isOrderStatus("nope")).toBe(false);
  expect(isOrderStatus(null)).toBe(false);
  expect(isClientStatus("confirmed")).toBe(true);
  expect(isClientStatus("shipped")).toBe(false);
});
