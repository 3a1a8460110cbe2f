import { expect, test } from "bun:test";
import { alertsFor, callBackDelay, titleFor } from "./queue-alerts.ts";

const snap = (review: number, calls: number) => ({ review, calls, nextCallBackAt: null });

test("title shows how many orders wait", () => {
  expect(titleFor(null)).toBe("Confirma");
  expect(titleFor(snap(0, 0))).toBe("Confirma");
  expect(titleFor(snap(2, 3))).toBe("(5) Confirma");
  expect(titleFor(snap(1000, 0))).toBe("(999+) Confirma");
});

test("alerts: an order entering a queue, once; never on the first snapshot or a shrinking queue", () => {
  expect(alertsFor(null, snap(4, 4))).toEqual([]);
  expect(alertsFor(snap(0, 0), snap(1, 1))).toEqual([{ kind: "review", added: 1, waiting: 1 }]);
  expect(alertsFor(snap(1, 1), snap(1, 3))).toEqual([{ kind: "calls", added: 2, waiting: 3 }]);
  expect(alertsFor(snap(2, 2), snap(1, 1))).toEqual([]);
  expect(alertsFor(snap(2, 2), snap(2, 2))).toEqual([]);
});

test("call-back timer", () => {
  const now = Date.parse("2026-01-01T10:00:00Z");
  expect(callBackDelay(null, now)).toBeNull();
  expect(callBackDelay("2026-01-01T10:05:00Z", now)).toBe(300_000);
  expect(callBackDelay("2026-01-01T09:00:00Z", now)).toBe(0);
  expect(callBackDelay("2027-06-01T09:00:00Z", now)).toBeNull();
  expect(callBackDelay("soon", now)).toBeNull();
});
