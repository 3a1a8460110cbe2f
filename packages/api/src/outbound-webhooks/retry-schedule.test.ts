import { expect, test } from "bun:test";
import { DISABLE_AFTER_FAILING_MS, MAX_DELIVERY_ATTEMPTS, RETRY_DELAYS_MS, retryDelayAfter } from "./retry-schedule.ts";

const HOUR = 3_600_000;

test.each([
  [1, 5_000],
  [2, 5 * 60_000],
  [3, 30 * 60_000],
  [4, 2 * HOUR],
  [5, 5 * HOUR],
  [6, 10 * HOUR],
  [7, 14 * HOUR],
  [8, 20 * HOUR],
  [9, 24 * HOUR],
  [10, null],
  [11, null],
])("after %i failed attempt(s) the next one waits %p ms", (attempts, delay) => {
  expect(retryDelayAfter(attempts)).toBe(delay);
});

test("the delays only grow, and ten attempts span a little more than three days", () => {
  for (let index = 1; index < RETRY_DELAYS_MS.length; index++) expect(RETRY_DELAYS_MS[index]!).toBeGreaterThan(RETRY_DELAYS_MS[index - 1]!);
  const total = RETRY_DELAYS_MS.reduce((sum, delay) => sum + delay, 0);
  expect(MAX_DELIVERY_ATTEMPTS).toBe(10);
  expect(total).toBe(75 * HOUR + 35 * 60_000 + 5_000);
  // A lone delivery to an endpoint that is down is given up after the endpoint has failed for
  // more than the disabling window: so the endpoint is disabled then, not left enabled and dead.
  expect(total).toBeGreaterThan(DISABLE_AFTER_FAILING_MS);
  expect(total).toBeLessThan(DISABLE_AFTER_FAILING_MS + 6 * HOUR);
});

test("a count that is not an attempt is a programming error", () => {
  expect(() => retryDelayAfter(0)).toThrow(RangeError);
  expect(() => retryDelayAfter(1.5)).toThrow(RangeError);
});
