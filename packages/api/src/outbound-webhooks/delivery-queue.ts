import { outboundDeliveries, outboundWebhooks, type Database, type Executor } from "@confirma/db";
import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import type { StoredEvent } from "./render-event.ts";
import { DISABLE_AFTER_FAILING_MS, retryDelayAfter } from "./retry-schedule.ts";

/** A delivery a dispatcher holds: its lease runs until `leaseUntil` (then another may take it). */
export interface ClaimedDelivery {
  id: string;
  messageId: string;
  webhookId: string;
  eventType: string;
  payload: StoredEvent;
  /** This attempt's number, from 1. */
  attempt: number;
  /** Where to send it, with what to sign it; a disabled endpoint's delivery is not sent. */
  endpoint: { url: string; secret: string; enabled: boolean };
}

/** What one attempt came to. */
export type AttemptOutcome =
  | { kind: "delivered"; statusCode: number }
  /** 410 Gone: the receiver says the endpoint is no more; it is disabled. */
  | { kind: "gone"; statusCode: number }
  /** Anything else: a non-2xx answer (statusCode), a network error or time-out (statusCode null). */
  | { kind: "failed"; statusCode: number | null; error: string; retry: boolean }
  /** Not attempted (its endpoint was disabled meanwhile): given up without counting against the endpoint. */
  | { kind: "not_sent"; error: string };

export interface ClaimOptions {
  now: Date;
  limit: number;
  /** How long the claim is ours; a dispatcher that dies mid-send leaves the delivery due again after it. */
  leaseMs: number;
}

/**
 * Claims up to `limit` due deliveries with FOR UPDATE SKIP LOCKED: with several servers on one
 * PostgreSQL each delivery goes to one of them. The claim counts the attempt and moves the
 * delivery's due time to the end of the lease, so a crash mid-send retries it, never loses it.
 */
export async function claimDueDeliveries(db: Database, { now, limit, leaseMs }: ClaimOptions): Promise<ClaimedDelivery[]> {
  const due = db
    .select({ id: outboundDeliveries.id })
    .from(outboundDeliveries)
    .where(and(eq(outboundDeliveries.status, "pending"), lte(outboundDeliveries.nextAttemptAt, now)))
    .orderBy(asc(outboundDeliveries.nextAttemptAt), asc(outboundDeliveries.id))
    .limit(limit)
    .for("update", { skipLocked: true });
  const claimed = await db
    .update(outboundDeliveries)
    .set({ attempts: sql`${outboundDeliveries.attempts} + 1`, nextAttemptAt: new Date(now.getTime() + leaseMs), lastAttemptAt: now })
    .where(inArray(outboundDeliveries.id, due))
    .returning();
  if (claimed.length === 0) return [];
  const endpoints = await db
    .select({ id: outboundWebhooks.id, url: outboundWebhooks.url, secret: outboundWebhooks.secret, enabled: outboundWebhooks.enabled })
    .from(outboundWebhooks)
    .where(inArray(outboundWebhooks.id, [...new Set(claimed.map((row) => row.webhookId))]));
  const endpointOf = new Map(endpoints.map((endpoint) => [endpoint.id, endpoint]));
  return claimed.flatMap((row) => {
    const endpoint = endpointOf.get(row.webhookId);
    // Deleted meanwhile: its deliveries went with it.
    if (!endpoint) return [];
    return [
      {
        id: row.id,
        messageId: row.messageId,
        webhookId: row.webhookId,
        eventType: row.eventType,
        payload: row.payload as StoredEvent,
        attempt: row.attempts,
        endpoint: { url: endpoint.url, secret: endpoint.secret, enabled: endpoint.enabled },
      },
    ];
  });
}

/**
 * Records an attempt's outcome: delivered; retried on the schedule (retry-schedule.ts); or given
 * up. A 410, or failures on every attempt for three days (from the first failure since the last
 * success, by `now`), disable the endpoint with the reason and stop its pending deliveries. Only
 * the claim in hand is settled: a delivery another dispatcher took over after our lease ran out
 * keeps its own.
 */
export async function settleDelivery(db: Database, delivery: ClaimedDelivery, outcome: AttemptOutcome, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const ours = and(eq(outboundDeliveries.id, delivery.id), eq(outboundDeliveries.status, "pending"), eq(outboundDeliveries.attempts, delivery.attempt));
    if (outcome.kind === "delivered") {
      await tx
        .update(outboundDeliveries)
        .set({ status: "delivered", deliveredAt: now, lastStatusCode: outcome.statusCode, lastError: null })
        .where(and(eq(outboundDeliveries.id, delivery.id), eq(outboundDeliveries.status, "pending")));
      await tx
        .update(outboundWebhooks)
        .set({ failingSince: null })
        .where(and(eq(outboundWebhooks.id, delivery.webhookId), sql`${outboundWebhooks.failingSince} is not null`));
      return;
    }
    if (outcome.kind === "gone") {
      const reason = `the endpoint answered ${outcome.statusCode} Gone`;
      await tx.update(outboundDeliveries).set({ status: "failed", lastStatusCode: outcome.statusCode, lastError: reason }).where(ours);
      await disableOutboundWebhook(tx, delivery.webhookId, reason, now);
      return;
    }
    if (outcome.kind === "not_sent") {
      await tx.update(outboundDeliveries).set({ status: "failed", lastError: outcome.error }).where(ours);
      return;
    }
    const delay = outcome.retry ? retryDelayAfter(delivery.attempt) : null;
    await tx
      .update(outboundDeliveries)
      .set({
        lastStatusCode: outcome.statusCode,
        lastError: outcome.error.slice(0, 500),
        ...(delay === null ? { status: "failed" as const } : { nextAttemptAt: new Date(now.getTime() + delay) }),
      })
      .where(ours);
    const [endpoint] = await tx
      .update(outboundWebhooks)
      .set({ failingSince: sql`coalesce(${outboundWebhooks.failingSince}, ${now.toISOString()}::timestamptz)` })
      .where(eq(outboundWebhooks.id, delivery.webhookId))
      .returning({ failingSince: outboundWebhooks.failingSince, enabled: outboundWebhooks.enabled });
    if (endpoint?.enabled && endpoint.failingSince && now.getTime() - endpoint.failingSince.getTime() >= DISABLE_AFTER_FAILING_MS) {
      const last = outcome.statusCode === null ? outcome.error.slice(0, 200) : `HTTP ${outcome.statusCode}`;
      await disableOutboundWebhook(tx, delivery.webhookId, `every attempt failed for ${DISABLE_AFTER_FAILING_MS / 3_600_000} hours (last: ${last})`, now);
    }
  });
}

/** Turns an endpoint off with the reason; its pending deliveries are not sent. */
export async function disableOutboundWebhook(tx: Executor, webhookId: string, reason: string, now: Date): Promise<void> {
  const [disabled] = await tx
    .update(outboundWebhooks)
    .set({ enabled: false, disabledReason: reason, disabledAt: now, updatedAt: sql`now()` })
    .where(and(eq(outboundWebhooks.id, webhookId), eq(outboundWebhooks.enabled, true)))
    .returning({ id: outboundWebhooks.id });
  if (disabled) await failPendingDeliveries(tx, webhookId, `not sent: the endpoint was disabled (${reason})`);
}

/** Gives up an endpoint's pending deliveries, saying why. */
export async function failPendingDeliveries(tx: Executor, webhookId: string, why: string): Promise<void> {
  await tx
    .update(outboundDeliveries)
    .set({ status: "failed", lastError: sql`coalesce(${outboundDeliveries.lastError} || '; ', '') || ${why}` })
    .where(and(eq(outboundDeliveries.webhookId, webhookId), eq(outboundDeliveries.status, "pending")));
}
