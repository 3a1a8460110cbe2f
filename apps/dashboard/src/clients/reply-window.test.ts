import { expect, test } from "bun:test";
import { orderToAskAgain, windowState } from "./reply-window.ts";

const now = Date.parse("2025-11-25T12:00:00Z");

test("the window is open until 24 h after the customer's last message", () => {
  expect(windowState({ open: true, lastInboundAt: "2025-11-25T08:00:00Z", closesAt: "2025-11-26T08:00:00Z" }, now)).toEqual({
    kind: "open",
    closesAt: "2025-11-26T08:00:00Z",
  });
  expect(windowState({ open: false, lastInboundAt: "2025-11-23T08:00:00Z", closesAt: "2025-11-24T08:00:00Z" }, now)).toEqual({
    kind: "expired",
    lastInboundAt: "2025-11-23T08:00:00Z",
  });
  expect(windowState({ open: false, lastInboundAt: null, closesAt: null }, now)).toEqual({ kind: "never" });
});

test("a window the server said was open but has closed since counts as closed", () => {
  expect(windowState({ open: true, lastInboundAt: "2025-11-24T11:00:00Z", closesAt: "2025-11-25T11:00:00Z" }, now).kind).toBe("expired");
});

test("the confirmation request is offered again for the newest order still awaiting a reply", () => {
  const orders = [
    { id: "a", status: "pending", createdAt: "2025-11-20T10:00:00Z" },
    { id: "b", status: "no_answer", createdAt: "2025-11-22T10:00:00Z" },
    { id: "c", status: "confirmed", createdAt: "2025-11-24T10:00:00Z" },
  ] as const;
  expect(orderToAskAgain(orders)?.id).toBe("b");
  expect(orderToAskAgain([orders[2]])).toBeNull();
  expect(orderToAskAgain([])).toBeNull();
});
