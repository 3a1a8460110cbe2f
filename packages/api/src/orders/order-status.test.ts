import { expect, test } from "bun:test";
import { ORDER_STATUSES } from "@confirma/db";
import { assertTransition, canTransition, ORDER_TRANSITIONS } from "./order-status.ts";

test("every status has a transition list of known statuses", () => {
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

test("an illegal transition names what is allowed", () => {
  expect(() => assertTransition("pending", "delivered")).toThrow(
    expect.objectContaining({ code: "illegal_transition", details: { from: "pending", to: "delivered", allowed: ["confirmed", "cancelled", "no_answer"] } }),
  );
});
