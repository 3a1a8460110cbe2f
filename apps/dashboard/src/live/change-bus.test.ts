import { expect, test } from "bun:test";
import type { ChangeEvent } from "../api/types.ts";
import { createChangeBus, touchesCalls, touchesClient, touchesClients, touchesOrders, touchesThread } from "./change-bus.ts";

let id = 0;
const event = (entity: ChangeEvent["entity"], clientId: string | null = "c1", action: ChangeEvent["action"] = "updated"): ChangeEvent => ({
  id: String(++id),
  entity,
  entityId: entity === "client" ? (clientId ?? "x") : `e${id}`,
  action,
  clientId,
  at: new Date().toISOString(),
});

test("a burst of matching events refreshes a listener once, after the debounce", async () => {
  const bus = createChangeBus({ debounceMs: 20 });
  const calls: number[] = [];
  bus.listen(touchesOrders, (events) => calls.push(events.length));
  bus.publish(event("message"));
  bus.publish(event("order"));
  bus.publish(event("order"));
  expect(calls).toEqual([]);
  await Bun.sleep(50);
  expect(calls).toEqual([2]);
  bus.publish(event("order"));
  await Bun.sleep(50);
  expect(calls).toEqual([2, 1]);
});

test("a stream of events that never pauses still refreshes at least every maxWaitMs", async () => {
  const bus = createChangeBus({ debounceMs: 40, maxWaitMs: 100 });
  let calls = 0;
  bus.listen(
    () => true,
    () => calls++,
  );
  const started = Date.now();
  while (Date.now() - started < 260) {
    bus.publish(event("message"));
    await Bun.sleep(10);
  }
  expect(calls).toBeGreaterThanOrEqual(2);
});

test("unsubscribed listeners are not called, and refreshAll reaches every listener", async () => {
  const bus = createChangeBus({ debounceMs: 5 });
  let a = 0;
  let b = 0;
  const stopA = bus.listen(
    () => true,
    () => a++,
  );
  bus.listen(
    () => false,
    () => b++,
  );
  bus.publish(event("client"));
  stopA();
  await Bun.sleep(20);
  expect(a).toBe(0);
  bus.refreshAll();
  await Bun.sleep(20);
  expect([a, b]).toEqual([0, 1]);
});

test("filters", () => {
  expect(touchesOrders(event("order"))).toBe(true);
  expect(touchesOrders(event("message"))).toBe(false);
  expect(touchesOrders(event("client", "c1", "created"))).toBe(false);
  expect(touchesClients(event("message"))).toBe(true);
  expect(touchesClients(event("order"))).toBe(false);
  expect(touchesClient("c1")(event("order", "c1"))).toBe(true);
  expect(touchesClient("c1")(event("order", "c2"))).toBe(false);
  expect(touchesClient("c1")({ ...event("client", null), entityId: "c1" })).toBe(true);
  expect(touchesClient("c1")(event("message", "c1"))).toBe(false);
  expect(touchesThread("c1")(event("message", "c1"))).toBe(true);
  expect(touchesThread("c1")(event("message", "c2"))).toBe(false);
  expect(touchesThread("c1")(event("order", "c1"))).toBe(false);
  expect(touchesCalls(event("order"))).toBe(true);
  expect(touchesCalls(event("message"))).toBe(true);
  expect(touchesCalls(event("client"))).toBe(false);
});
