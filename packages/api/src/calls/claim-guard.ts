import { users, type Executor, type Order } from "@confirma/db";
import { eq } from "drizzle-orm";
import type { Actor } from "../actor.ts";
import { DomainError } from "../errors/domain-error.ts";

type ClaimFields = Pick<Order, "claimedBy" | "claimedUntil">;

/** The user holding the order at `now`, or null when nobody does (never claimed, released, or run out). */
export function claimHolderId(order: ClaimFields, now: Date): string | null {
  return order.claimedBy && order.claimedUntil && order.claimedUntil > now ? order.claimedBy : null;
}

/**
 * The `conflict` naming who holds the order: in the message, and in `details.claimedBy` /
 * `details.claimedUntil`, which the dashboard reads.
 */
export async function claimConflict(tx: Executor, order: ClaimFields & { claimedBy: string; claimedUntil: Date }): Promise<DomainError> {
  const [holder] = await tx.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, order.claimedBy));
  return new DomainError("conflict", `${holder?.name ?? holder?.email ?? "another agent"} is already working on this order`, {
    claimedBy: { id: order.claimedBy, name: holder?.name ?? null, email: holder?.email ?? null },
    claimedUntil: order.claimedUntil.toISOString(),
  });
}

/**
 * Refuses a person's change to an order another person is working on ("Prendre en charge")
 * until that claim is released or runs out. Only dashboard users are held back: the
 * integration key, the confirmation flow and customers' replies are not agents and pass.
 * Call it with the order row locked (`for update`), before changing anything.
 */
export async function assertClaimAllows(tx: Executor, order: ClaimFields, actor: Actor, now: Date): Promise<void> {
  if (actor.type !== "user") return;
  const holder = claimHolderId(order, now);
  if (holder && holder !== actor.id) throw await claimConflict(tx, { claimedBy: holder, claimedUntil: order.claimedUntil! });
}
