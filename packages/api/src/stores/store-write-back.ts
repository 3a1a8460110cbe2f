import { orders, recordChanges, statusChanges, stores, type Executor, type Store } from "@confirma/db";
import { OutboundRefusedError, STORE_ADAPTERS, type StoreFetch, type StoreStateWritten, type WriteBackResult } from "@confirma/stores";
import { and, eq, gt, isNull, lte, or, sql } from "drizzle-orm";
import { nowOf, type Services } from "../context.ts";
import type { JobHandler, JobResult } from "../jobs/job-runner.ts";
import { toStoreConnection } from "./store-service.ts";

export interface WriteBackDeps {
  services: Services;
  /** `fetch` with the outbound rules (private networks, redirects); the server passes its guarded fetch. */
  fetch: StoreFetch;
}

/**
 * The `store_write_back` job: writes one status change of a store order back to the store
 * (scheduled by the trigger of migration 0010 in the change's own transaction). A change that a
 * later one superseded is not written (the later one's job writes the order's newer state), so
 * an older change retried late never overwrites a newer one. The outcome goes on the store's
 * health and on the order; a permanent error stops the retries and says why.
 */
export function storeWriteBackHandler({ services, fetch }: WriteBackDeps): JobHandler {
  const { db } = services;
  return async (job, { final }) => {
    const changeId = (job.payload as { statusChangeId?: string } | null)?.statusChangeId;
    if (!changeId || !job.orderId) return { status: "failed", error: "write-back job without its status change" };
    const [change] = await db.select().from(statusChanges).where(eq(statusChanges.id, changeId));
    const [order] = await db.select().from(orders).where(eq(orders.id, job.orderId));
    if (!change || !order?.storeId || !order.externalId) return { status: "done" };
    const [store] = await db.select().from(stores).where(eq(stores.id, order.storeId));
    if (!store) return { status: "done" };
    const adapter = STORE_ADAPTERS[store.platform];
    if (!adapter.writeBack) return { status: "done" };

    const [later] = await db
      .select({ id: statusChanges.id })
      .from(statusChanges)
      .where(
        and(
          eq(statusChanges.entity, "order"),
          eq(statusChanges.entityId, order.id),
          gt(statusChanges.id, change.id),
          sql`${statusChanges.fromStatus} is distinct from ${statusChanges.toStatus}`,
        ),
      )
      .limit(1);
    if (later) return { status: "done" };

    let result: WriteBackResult;
    try {
      result = await adapter.writeBack(
        {
          changeId: change.id,
          orderId: order.id,
          externalId: order.externalId,
          externalNumber: order.externalNumber,
          from: change.fromStatus as typeof order.status,
          to: change.toStatus as typeof order.status,
          reason: change.reason ?? "",
          actor: change.actorType,
          at: change.createdAt,
        },
        { store: toStoreConnection(store), fetch },
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      result = error instanceof OutboundRefusedError ? { status: "failed", error: message } : { status: "retry", error: `${message}` };
    }
    return settle(store, order.id, result, final);
  };

  /**
   * Keeps what this write left the store order as, for `isStoreCancellation`. Two jobs of one
   * order can finish out of order: the write the platform made last wins (on its clock).
   */
  async function rememberWritten(tx: Executor, orderId: string, written: StoreStateWritten) {
    const parsed = written.at ? new Date(written.at) : null;
    const at = parsed && !Number.isNaN(parsed.getTime()) ? parsed : nowOf(services);
    await tx
      .update(orders)
      .set({ storeWrittenCancelled: written.cancelled, storeWrittenAt: at })
      .where(and(eq(orders.id, orderId), or(isNull(orders.storeWrittenAt), lte(orders.storeWrittenAt, at))));
  }

  async function settle(store: Store, orderId: string, result: WriteBackResult, final: boolean): Promise<JobResult> {
    const ok = result.status === "done" || result.status === "skipped";
    const error = ok ? null : result.error.slice(0, 500);
    await db.transaction(async (tx) => {
      await tx
        .update(stores)
        .set(ok ? { lastWriteBackAt: sql`now()`, lastWriteBackError: null } : { lastWriteBackError: error, lastWriteBackErrorAt: sql`now()` })
        .where(eq(stores.id, store.id));
      const [order] = await tx
        .update(orders)
        .set(ok ? { writeBackAt: sql`now()`, writeBackError: null } : { writeBackError: error })
        .where(eq(orders.id, orderId))
        .returning({ clientId: orders.clientId });
      if (order) await recordChanges(tx, [{ entity: "order", entityId: orderId, action: "updated", clientId: order.clientId }]);
      if (result.status === "done" && result.written) await rememberWritten(tx, orderId, result.written);
    });
    if (ok) return { status: "done" };
    if (result.status === "failed" || final) return { status: "failed", error: error! };
    const retryAfterMs = result.status === "retry" ? result.retryAfterMs : undefined;
    return { status: "retry", error: error!, ...(retryAfterMs ? { retryAt: new Date(nowOf(services).getTime() + retryAfterMs) } : {}) };
  }
}
