import { auditEvents, type Executor } from "@confirma/db";
import type { Actor } from "../actor.ts";

/** Appends to the admin audit trail, inside the caller's transaction. Never pass secrets in `details`. */
export async function recordAudit(tx: Executor, actor: Actor, action: string, target: string | null, details?: Record<string, unknown>): Promise<void> {
  await tx.insert(auditEvents).values({ actorType: actor.type, actorId: actor.id, action, target, details: details ?? null });
}
