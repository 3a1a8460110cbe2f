import { expect, test } from "bun:test";
import {
  AWAITING_REPLY,
  awaitsReply,
  canTransition,
  isClientStatus,
  isOrderStatus,
  OPEN_ORDER_STATUSES,
  ORDER_STATUSES,
  ORDER_TRANSITIONS,
  parcelPath,
} from "./order-status.ts";

test("every status has a transition list of known statuses", () => {
  expect(Object.keys(ORDER_TRANSITIONS).sort()).toEqual([...ORDER_STATUSES].sort());
  for (const status of ORDER_STATUSES) {
    for (const next of ORDER_TRANSITIONS[status]) expect(ORDER_STATUSES).toContain(next);
  }
});

test.each([
  ["pending", "confirmed", true],
  ["pending", "cancelled", true],
  ["pending", "no_answer", true],
  ["pending", "shipped", false],
  ["pending", "delivered", false],
  ["confirmed", "shipped", true],
  ["shipped", "delivered", true],
  ["delivered", "pending", false],
  ["returned", "pending", false],
  ["cancelled", "confirmed", false],
  ["confirmed", "confirmed", true],
] as const)("%s → %s: %p", (from, to, allowed) => {
  expect(canTransition(from, to)).toBe(allowed);
});

test("status guards", () => {
  expect(isOrderStatus("no_answer")).toBe(true);
  expect(isOrderStatus("nope")).toBe(false);
  expect(isOrderStatus(null)).toBe(false);
  expect(isClientStatus("confirmed")).toBe(true);
  expect(isClientStatus("shipped")).toBe(false);
});

test("only pending and no-answer orders wait for the customer's reply; open orders are the ones not finished", () => {
  expect(ORDER_STATUSES.filter(awaitsReply)).toEqual([...AWAITING_REPLY]);
  expect([...AWAITING_REPLY]).toEqual(["pending", "no_answer"]);
  expect([...OPEN_ORDER_STATUSES].sort()).toEqual(["confirmed", "no_answer", "pending", "shipped"]);
});

test.each([
  ["confirmed", "shipped", ["shipped"]],
  ["confirmed", "delivered", ["shipped", "delivered"]],
  ["confirmed", "returned", ["shipped", "returned"]],
  ["shipped", "delivered", ["delivered"]],
  ["delivered", "returned", ["returned"]],
  ["delivered", "delivered", []],
  ["pending", "delivered", null],
  ["cancelled", "shipped", null],
  ["returned", "delivered", null],
  ["delivered", "shipped", null],
] as const)("the parcel path from %s to %s is %p", (from, to, expected) => {
  expect(parcelPath(from, to)).toEqual(expected === null ? null : [...expected]);
});
