import { expect, test } from "bun:test";
import { callBackDue, filtersFromSearch, filtersKey, filtersToSearch, pastOrdersSummary, queueInputFor } from "./call-filters.ts";

test("filters read from the address, unknown values dropped", () => {
  expect(filtersFromSearch({})).toEqual({ reason: null, storeId: null, country: null, mine: false });
  expect(filtersFromSearch({ reason: "unclear", store: "abc-1", country: "ma", mine: "1" })).toEqual({
    reason: "unclear",
    storeId: "abc-1",
    country: "MA",
    mine: true,
  });
  expect(filtersFromSearch({ reason: "lost", store: "a b", country: "France", mine: "yes" })).toEqual({
    reason: null,
    storeId: null,
    country: null,
    mine: false,
  });
  expect(filtersFromSearch({ reason: ["review", "unclear"] }).reason).toBe("review");
});

test("filters written back, and as the queue's input", () => {
  const filters = { reason: "call_back" as const, storeId: null, country: "DZ", mine: true };
  expect(filtersToSearch(filters)).toEqual({ reason: "call_back", store: undefined, country: "DZ", mine: "1" });
  expect(queueInputFor(filters)).toEqual({ reason: "call_back", country: "DZ", mine: true });
  expect(queueInputFor({ reason: null, storeId: null, country: null, mine: false })).toEqual({});
  expect(filtersKey(filters)).not.toBe(filtersKey({ ...filters, mine: false }));
});

test("call-back due", () => {
  const now = Date.parse("2026-01-01T10:00:00Z");
  expect(callBackDue(null, now)).toBe(false);
  expect(callBackDue("2026-01-01T09:59:00Z", now)).toBe(true);
  expect(callBackDue("2026-01-01T10:30:00Z", now)).toBe(false);
});

test("past orders at a glance", () => {
  expect(pastOrdersSummary({ total: 0, byStatus: {} })).toEqual({ total: 0, parts: [] });
  expect(pastOrdersSummary({ total: 4, byStatus: { delivered: 2, returned: 1, pending: 1 } })).toEqual({
    total: 4,
    parts: [
      { status: "delivered", count: 2 },
      { status: "returned", count: 1 },
    ],
  });
});
