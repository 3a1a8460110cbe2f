import { expect, test } from "bun:test";
import { hasOrderFilters, ordersExportUrl, ordersQueryInput, readOrderFilters } from "./order-filters.ts";

const NO_TEXT = { search: null, number: null, externalNumber: null, city: null, address: null, item: null };

test("reads filters from the URL and drops malformed values", () => {
  expect(readOrderFilters({ status: "pending", from: "2025-11-01", to: "2025-11-25" })).toEqual({
    status: "pending",
    store: null,
    from: "2025-11-01",
    to: "2025-11-25",
    dateOf: "created",
    ...NO_TEXT,
  });
  expect(readOrderFilters({ status: "lost", from: "yesterday", to: ["2025-11-25", "x"], dateOf: "tomorrow" })).toEqual({
    status: null,
    store: null,
    from: null,
    to: "2025-11-25",
    dateOf: "created",
    ...NO_TEXT,
  });
  expect(readOrderFilters({ dateOf: "status" })).toEqual({ status: null, store: null, from: null, to: null, dateOf: "status", ...NO_TEXT });
  expect(readOrderFilters({})).toEqual({ status: null, store: null, from: null, to: null, dateOf: "created", ...NO_TEXT });
});

test("turns whole local days into ISO instants", () => {
  const input = ordersQueryInput({ status: "confirmed", store: null, from: "2025-11-01", to: "2025-11-25", dateOf: "created", ...NO_TEXT }, { limit: 50 });
  expect(input.status).toBe("confirmed");
  expect(input.limit).toBe(50);
  expect(new Date(input.from!).getTime()).toBe(new Date(2025, 10, 1).getTime());
  expect(new Date(input.to!).getTime()).toBe(new Date(2025, 10, 26).getTime());
  expect(input.from).toMatch(/Z$/);
});

test("“confirmed today” by the date of the status: the same days, on the status change", () => {
  const input = ordersQueryInput({ status: "confirmed", store: null, from: "2025-11-25", to: "2025-11-25", dateOf: "status", ...NO_TEXT });
  expect(input).toEqual({
    status: "confirmed",
    statusChangedFrom: new Date(2025, 10, 25).toISOString(),
    statusChangedTo: new Date(2025, 10, 26).toISOString(),
  });
});

test("no filter, no constraint", () => {
  expect(ordersQueryInput({ status: null, store: null, from: null, to: null, dateOf: "created", ...NO_TEXT })).toEqual({});
  expect(ordersQueryInput({ status: null, store: null, from: null, to: null, dateOf: "status", ...NO_TEXT })).toEqual({});
  expect(hasOrderFilters({ status: null, store: null, from: null, to: null, dateOf: "created", ...NO_TEXT })).toBe(false);
  // Which date the days apply to is no filter by itself.
  expect(hasOrderFilters({ status: null, store: null, from: null, to: null, dateOf: "status", ...NO_TEXT })).toBe(false);
  expect(hasOrderFilters({ status: null, store: null, from: "2025-01-01", to: null, dateOf: "created", ...NO_TEXT })).toBe(true);
});

test("the store filter: read from the URL, sent as storeId, and a filter of its own", () => {
  expect(readOrderFilters({ store: "0199a1b2-store" }).store).toBe("0199a1b2-store");
  expect(readOrderFilters({ store: "" }).store).toBeNull();
  expect(readOrderFilters({ store: "x".repeat(65) }).store).toBeNull();
  const filters = readOrderFilters({ store: "s1", status: "pending" });
  expect(ordersQueryInput(filters)).toEqual({ status: "pending", storeId: "s1" });
  expect(hasOrderFilters({ ...readOrderFilters({}), store: "s1" })).toBe(true);
});

test("text filters: trimmed, kept in the URL, passed to the list", () => {
  const filters = readOrderFilters({ number: " #74A1CE ", city: "Périgueux", item: "", address: "x".repeat(201) });
  expect(filters).toMatchObject({ number: "#74A1CE", city: "Périgueux", item: null, address: null });
  expect(hasOrderFilters(filters)).toBe(true);
  expect(ordersQueryInput(filters)).toEqual({ number: "#74A1CE", city: "Périgueux" });
  expect(ordersQueryInput(readOrderFilters({ search: " 06 12 34 " }))).toEqual({ search: "06 12 34" });
});

test("the export link carries the same filters, the format, the language and the time zone", () => {
  const filters = readOrderFilters({ status: "confirmed", from: "2025-11-25", to: "2025-11-25", dateOf: "status", city: "Oujda" });
  const url = new URL(ordersExportUrl(filters, "xlsx", { language: "fr", timeZone: "Africa/Casablanca" }), "http://localhost");
  expect(url.pathname).toBe("/downloads/orders");
  expect(Object.fromEntries(url.searchParams)).toEqual({
    format: "xlsx",
    lang: "fr",
    tz: "Africa/Casablanca",
    status: "confirmed",
    statusChangedFrom: new Date(2025, 10, 25).toISOString(),
    statusChangedTo: new Date(2025, 10, 26).toISOString(),
    city: "Oujda",
  });
});
