import { statusChanges, type Executor } from "@confirma/db";
import type { Actor } from "../actor.ts";

export interface StatusChangeInput {
  entity: "order" | "client";
  entityId: string;
  fromStatus: string | null;
  toStatus: string;
  actor: Actor;
  reason: string;
  /** When it happened, when not now (a courier's delivery date); the caller keeps it in order. */
  at?: Date;
}

/** Appends to the audit trail: who or what moved which status, when, and by which rule. */
export async function recordStatusChange(tx: Executor, change: StatusChangeInput): Promise<void> {
  await tx.insert(statusChanges).values({
    entity: change.entity,
    entityId: change.entityId,
    fromStatus: change.fromStatus,
    toStatus: change.toStatus,
    actorType: change.actor.type,
    actorId: change.actor.id,
    reason: change.reason,
    ...(change.at ? { createdAt: change.at } : {}),
  });
}
