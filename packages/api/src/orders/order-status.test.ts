import { expect, test } from "bun:test";
import { assertTransition } from "./order-status.ts";

test("an illegal transition names what is allowed", () => {
  expect(() => assertTransition("pending", "delivered")).toThrow(
    expect.objectContaining({ code: "illegal_transition", details: { from: "pending", to: "delivered", allowed: ["confirmed", "cancelled", "no_answer"] } }),
  );
  expect(() => assertTransition("confirmed", "shipped")).not.toThrow();
});
