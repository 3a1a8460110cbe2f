import { expect, test } from "bun:test";
import { hasOrderFilters, ordersQueryInput, readOrderFilters } from "./order-filters.ts";

test("reads filters from the URL and drops malformed values", () => {
  expect(readOrderFilters({ status: "pending", from: "2025-11-01", to: "2025-11-25" })).toEqual({ status: "pending", from: "2025-11-01", to: "2025-11-25" });
  expect(readOrderFilters({ status: "lost", from: "yesterday", to: ["2025-11-25", "x"] })).toEqual({ status: null, from: null, to: "2025-11-25" });
  expect(readOrderFilters({})).toEqual({ status: null, from: null, to: null });
});

test("turns whole local days into ISO instants", () => {
  const input = ordersQueryInput({ status: "confirmed", from: "2025-11-01", to: "2025-11-25" }, { limit: 50 });
  expect(input.status).toBe("confirmed");
  expect(input.limit).toBe(50);
  expect(new Date(input.from!).getTime()).toBe(new Date(2025, 10, 1).getTime());
  expect(new Date(input.to!).getTime()).toBe(new Date(2025, 10, 26).getTime());
  expect(input.from).toMatch(/Z$/);
});

test("no filter, no constraint", () => {
  expect(ordersQueryInput({ status: null, from: null, to: null })).toEqual({});
  expect(hasOrderFilters({ status: null, from: null, to: null })).toBe(false);
  expect(hasOrderFilters({ status: null, from: "2025-01-01", to: null })).toBe(true);
});
