import { expect, test } from "bun:test";
import { awaitsReply, isClientStatus, isOrderStatus, ORDER_STATUSES } from "./order-status.ts";

test("status guards", () => {
  expect(isOrderStatus("no_answer")).toBe(true);
  expect(isOrderStatus("nope")).toBe(false);
  expect(isOrderStatus(null)).toBe(false);
  expect(isClientStatus("confirmed")).toBe(true);
  expect(isClientStatus("shipped")).toBe(false);
});

test("only pending and no-answer orders wait for the customer's reply", () => {
  expect(ORDER_STATUSES.filter(awaitsReply)).toEqual(["pending", "no_answer"]);
});
