import type { Order, ServiceWindow } from "../api/types.ts";
import { awaitsReply } from "@confirma/domain";

export type WindowState = { kind: "open"; closesAt: string } | { kind: "expired"; lastInboundAt: string } | { kind: "never" };

/**
 * What the reply box may do now: free text while WhatsApp's 24-hour window is open (the
 * customer wrote less than 24 h ago), else only the approved template. `now` catches a window
 * that closed since the server answered.
 */
export function windowState(window: ServiceWindow, now: number = Date.now()): WindowState {
  if (window.open && window.closesAt && Date.parse(window.closesAt) > now) return { kind: "open", closesAt: window.closesAt };
  if (window.lastInboundAt) return { kind: "expired", lastInboundAt: window.lastInboundAt };
  return { kind: "never" };
}

/** The order the confirmation request can be sent again for: the client's newest one still waiting for an answer. */
export function orderToAskAgain<T extends Pick<Order, "status" | "createdAt">>(orders: readonly T[]): T | null {
  let best: T | null = null;
  for (const order of orders) {
    if (awaitsReply(order.status) && (!best || order.createdAt > best.createdAt)) best = order;
  }
  return best;
}
