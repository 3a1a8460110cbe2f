import { clientIdentities, clients, messages, orders, recordChanges, jobs, type Executor, type Job, type Order } from "@confirma/db";
import { AWAITING_REPLY } from "@confirma/domain";
import type { OutboundMessage, OutboundSender, Recipient } from "@confirma/whatsapp";
import { and, asc, desc, eq, gte, inArray, ne, sql } from "drizzle-orm";
import { uuidv7 } from "uuidv7";
import type { Actor } from "../actor.ts";
import { nowOf, type Services } from "../context.ts";
import type { InterruptedHandler, JobAttempt, JobHandler, JobResult } from "../jobs/job-runner.ts";
import { enqueueJob } from "../jobs/job-queue.ts";
import { blockOfClient } from "../customers/blocklist-service.ts";
import { enterCallQueue, holdForReview, isHeldForPerson, notHeldForPerson } from "../orders/queue-flags.ts";
import { transitionOrder } from "../orders/transition-order.ts";
import { toOrderViews } from "../orders/order-view.ts";
import { loadConfirmationSettings } from "./confirmation-settings.ts";
import type { ConfirmationSettings } from "./confirmation-settings-schema.ts";
import { nextSendTime } from "./quiet-hours.ts";
import { customerLanguage } from "../clients/client-language.ts";
import { renderConfirmationMessage } from "./render-message.ts";

const FLOW_ACTOR: Actor = { type: "system", id: "confirmation-flow" };
/** WhatsApp's customer service window: free text only this long after the customer's last message. */
export const SERVICE_WINDOW_MS = 24 * 3_600_000;
const SENDING_KINDS = new Set<Job["kind"]>(["confirmation_request", "reminder", "send_message"]);
/**
 * Orders created together get one request: a step is not sent when a request or reminder of
 * another order of the customer asked about this one this shortly before the step was due.
 */
const COALESCE_MS = 10 * 60_000;

export interface FlowDeps {
  services: Services;
  sender: OutboundSender;
}

/** When the customer last wrote to us, or null. */
export async function lastInboundAt(tx: Executor, clientId: string): Promise<Date | null> {
  const [row] = await tx
    .select({ at: messages.createdAt })
    .from(messages)
    .where(and(eq(messages.clientId, clientId), eq(messages.direction, "in")))
    .orderBy(desc(messages.id))
    .limit(1);
  return row?.at ?? null;
}

/** Schedules the automatic confirmation request of a new order, inside its transaction. */
export async function scheduleConfirmationRequest(
  tx: Executor,
  services: Services,
  orderId: string,
  { attempt = 0, delayMs }: { attempt?: number; delayMs?: number } = {},
) {
  const settings = await loadConfirmationSettings(tx, services.settings.confirmation);
  if (attempt === 0 && !settings.enabled) return false;
  const runAt = new Date(nowOf(services).getTime() + (delayMs ?? settings.sendDelayMs));
  return enqueueJob(tx, { kind: "confirmation_request", dedupeKey: `confirm:${orderId}:${attempt}`, orderId, attempt, step: 0, runAt });
}

async function recipientOf(tx: Executor, clientId: string): Promise<Recipient> {
  const [client] = await tx.select({ phone: clients.phoneNumber }).from(clients).where(eq(clients.id, clientId));
  if (client?.phone) return { phone: client.phone };
  const [identity] = await tx.select({ identity: clientIdentities.identity }).from(clientIdentities).where(eq(clientIdentities.clientId, clientId)).limit(1);
  return identity ? { userId: identity.identity } : {};
}

/** The handlers of the confirmation flow's jobs, for the job runner. */
export function confirmationJobHandlers(deps: FlowDeps) {
  const { services, sender } = deps;
  const db = services.db;

  /** Sends an outbound message row through the provider and records the result; shared by every sending job. */
  async function deliver(
    job: Job,
    attempt: JobAttempt,
    messageId: string,
    recipient: Recipient,
    message: OutboundMessage,
    followUp: { order: Order; settings: ConfirmationSettings; askedIds: readonly string[] } | null,
  ): Promise<JobResult> {
    const result = await sender.send(recipient, message);
    const now = nowOf(services);
    if (result.ok) {
      await db.transaction(async (tx) => {
        const [row] = await tx
          .update(messages)
          .set({ status: "sent", providerMessageId: result.providerMessageId, sentAt: now, statusAt: now, errorCode: null, errorReason: null })
          .where(and(eq(messages.id, messageId), eq(messages.status, "queued")))
          .returning({ clientId: messages.clientId });
        if (row) await recordChanges(tx, [{ entity: "message", entityId: messageId, action: "updated", clientId: row.clientId }]);
        if (followUp && job.kind === "confirmation_request") await scheduleFollowUps(tx, followUp.order, job, now, followUp.settings);
      });
      return { status: "done" };
    }
    const final = !result.retryable || attempt.final;
    await db.transaction(async (tx) => {
      const [row] = await tx
        .update(messages)
        .set({ errorCode: result.code, errorReason: result.reason, ...(final ? { status: "failed" as const, statusAt: now } : {}) })
        .where(eq(messages.id, messageId))
        .returning({ clientId: messages.clientId });
      if (final && followUp) await flagDeliveryFailed(tx, followUp.askedIds);
      if (row) await recordChanges(tx, [{ entity: "message", entityId: messageId, action: "updated", clientId: row.clientId }]);
    });
    return final ? { status: "failed", error: `${result.code}: ${result.reason}` } : { status: "retry", error: `${result.code}: ${result.reason}` };
  }

  async function scheduleFollowUps(tx: Executor, order: Order, job: Job, sentAt: Date, settings: ConfirmationSettings) {
    for (const [index, offset] of settings.remindersMs.entries()) {
      if (offset >= settings.timeoutMs) continue;
      await enqueueJob(tx, {
        kind: "reminder",
        dedupeKey: `reminder:${order.id}:${job.attempt}:${index + 1}`,
        orderId: order.id,
        attempt: job.attempt,
        step: index + 1,
        runAt: new Date(sentAt.getTime() + offset),
      });
    }
    await enqueueJob(tx, {
      kind: "confirmation_timeout",
      dedupeKey: `timeout:${order.id}:${job.attempt}`,
      orderId: order.id,
      attempt: job.attempt,
      runAt: new Date(sentAt.getTime() + settings.timeoutMs),
    });
  }

  /** The orders a message that never arrived asked about go to the call queue. */
  async function flagDeliveryFailed(tx: Executor, orderIds: readonly string[]) {
    if (orderIds.length === 0) return;
    const flagged = await tx
      .update(orders)
      .set(enterCallQueue("delivery_failed"))
      .where(and(inArray(orders.id, [...orderIds]), sql`${orders.status} in ('pending', 'no_answer')`))
      .returning({ id: orders.id, clientId: orders.clientId });
    await recordChanges(
      tx,
      flagged.map((row) => ({ entity: "order" as const, entityId: row.id, action: "updated" as const, clientId: row.clientId })),
    );
  }

  /**
   * The confirmation request (step 0) and each reminder (step ≥ 1). It asks about every order of
   * the customer awaiting a reply at send time, in one message, and records them on the message
   * (`askedOrderIds`): a free-text answer applies to exactly those. When another order's request
   * or reminder already asked about this order moments before (`COALESCE_MS`), nothing is sent again.
   */
  const sendConfirmationStep: JobHandler = async (job, attempt) => {
    if (!job.orderId) return { status: "failed", error: "no order" };
    const [order] = await db.select().from(orders).where(eq(orders.id, job.orderId));
    // Answered, cancelled by hand, or timed out: nothing to ask any more.
    if (!order || order.status !== "pending") return { status: "done" };
    // Held for a person (a blocked number, a likely duplicate): not asked.
    if (isHeldForPerson(order)) return { status: "done" };
    if (await blockOfClient(db, order.clientId)) {
      // Blocked after the request was planned: it is not sent, and the order waits for a person.
      await db.transaction(async (tx) => {
        const held = await tx
          .update(orders)
          .set(holdForReview("blocked"))
          .where(and(eq(orders.id, order.id), eq(orders.needsReview, false)))
          .returning({ id: orders.id });
        if (held.length) await recordChanges(tx, [{ entity: "order", entityId: order.id, action: "updated", clientId: order.clientId }]);
      });
      return { status: "done" };
    }
    const settings = await loadConfirmationSettings(db, services.settings.confirmation);
    const now = nowOf(services);
    const sendAt = nextSendTime(now, settings.quietHours, settings.timeZone);
    if (sendAt.getTime() > now.getTime()) return { status: "postpone", runAt: sendAt };

    let messageId = job.messageId;
    let askedIds: readonly string[];
    if (messageId) {
      const [queued] = await db.select({ askedOrderIds: messages.askedOrderIds }).from(messages).where(eq(messages.id, messageId));
      askedIds = queued?.askedOrderIds ?? [order.id];
    } else {
      if (await askedJustBefore(order, job)) {
        if (job.step === 0) await db.transaction((tx) => scheduleFollowUps(tx, order, job, now, settings));
        return { status: "done" };
      }
      const awaiting = await db
        .select({ id: orders.id })
        .from(orders)
        .where(and(eq(orders.clientId, order.clientId), inArray(orders.status, [...AWAITING_REPLY]), notHeldForPerson()))
        .orderBy(asc(orders.id));
      askedIds = awaiting.map((row) => row.id);
      messageId = uuidv7();
    }
    const asked = await db
      .select()
      .from(orders)
      .where(inArray(orders.id, [...askedIds]))
      .orderBy(asc(orders.id));
    const views = await toOrderViews(db, asked.length > 0 ? asked : [order]);
    const [client] = await db.select({ name: clients.name }).from(clients).where(eq(clients.id, order.clientId));
    const inbound = await lastInboundAt(db, order.clientId);
    const insideWindow = inbound !== null && now.getTime() - inbound.getTime() < SERVICE_WINDOW_MS;
    const { language } = await customerLanguage(db, order.clientId, {
      shippingCountry: (order.shippingAddress as { country?: string | null } | null)?.country ?? null,
      shopLanguage: settings.language,
    });
    const message = renderConfirmationMessage(views, client?.name ?? null, settings, {
      step: job.step,
      useTemplate: sender.name === "meta" && !insideWindow,
      requestId: messageId,
      language,
    });
    if (!job.messageId)
      await createQueuedMessage(
        job,
        order,
        message,
        messageId,
        views.map((view) => view.id),
      );
    return deliver(job, attempt, messageId, await recipientOf(db, order.clientId), message, { order, settings, askedIds: views.map((view) => view.id) });
  };

  /** Was the order named by a request or reminder (of any order) created within `COALESCE_MS` before this job was due? */
  async function askedJustBefore(order: Order, job: Job): Promise<boolean> {
    const since = new Date(job.runAt.getTime() - COALESCE_MS);
    const [recent] = await db
      .select({ id: messages.id })
      .from(messages)
      .where(
        and(
          eq(messages.clientId, order.clientId),
          sql`${messages.askedOrderIds} @> array[${order.id}]::text[]`,
          ne(messages.status, "failed"),
          gte(messages.sentAt, since),
        ),
      )
      .limit(1);
    return recent !== undefined;
  }

  async function createQueuedMessage(job: Job, order: Order, message: OutboundMessage, id: string, askedOrderIds: string[]): Promise<void> {
    await db.transaction(async (tx) => {
      await tx.insert(messages).values({
        id,
        clientId: order.clientId,
        direction: "out",
        type: message.kind === "template" ? "template" : message.buttons?.length || message.list ? "interactive" : "text",
        body: message.text,
        provider: sender.provider,
        status: "queued",
        orderId: order.id,
        askedOrderIds,
        purpose: job.step === 0 ? "confirmation_request" : "reminder",
        sentAt: nowOf(services),
      });
      await tx.update(jobs).set({ messageId: id }).where(eq(jobs.id, job.id));
      await recordChanges(tx, [{ entity: "message", entityId: id, action: "created", clientId: order.clientId }]);
    });
  }

  /** A person's reply from the dashboard, queued by `sendAgentMessage`. */
  const sendQueuedMessage: JobHandler = async (job, attempt) => {
    if (!job.messageId) return { status: "failed", error: "no message" };
    const [message] = await db.select().from(messages).where(eq(messages.id, job.messageId));
    if (!message || message.status !== "queued") return { status: "done" };
    return deliver(job, attempt, message.id, await recipientOf(db, message.clientId), { kind: "text", text: message.body }, null);
  };

  /** No answer after the reminders: `no_answer`, and the order goes to the call queue. */
  const timeOut: JobHandler = async (job) => {
    await db.transaction(async (tx) => {
      const [order] = await tx.select().from(orders).where(eq(orders.id, job.orderId!)).for("update");
      if (!order || order.status !== "pending") return;
      await transitionOrder(tx, order, "no_answer", { actor: FLOW_ACTOR, reason: "timeout" });
      const settings = await loadConfirmationSettings(tx, services.settings.confirmation);
      if (settings.autoCancelAfterMs !== null) {
        await enqueueJob(tx, {
          kind: "auto_cancel",
          dedupeKey: `auto-cancel:${order.id}:${job.attempt}`,
          orderId: order.id,
          attempt: job.attempt,
          runAt: new Date(nowOf(services).getTime() + settings.autoCancelAfterMs),
        });
      }
    });
    return { status: "done" };
  };

  /** Optional: still no answer long after the time-out: cancel. */
  const autoCancel: JobHandler = async (job) => {
    await db.transaction(async (tx) => {
      const [order] = await tx.select().from(orders).where(eq(orders.id, job.orderId!)).for("update");
      if (order?.status === "no_answer") await transitionOrder(tx, order, "cancelled", { actor: FLOW_ACTOR, reason: "auto_cancel" });
    });
    return { status: "done" };
  };

  /**
   * A sending job whose process died mid-way: if its message was already handed to the
   * provider we cannot know whether it left, so it is not sent again (never twice); the order
   * goes to the call queue instead. Other jobs simply run again.
   */
  const onInterrupted: InterruptedHandler = async (job) => {
    if (!SENDING_KINDS.has(job.kind) || !job.messageId) return "retry";
    await db.transaction(async (tx) => {
      const [row] = await tx
        .update(messages)
        .set({
          status: "failed",
          errorCode: "interrupted",
          errorReason: "the server stopped while sending; it may or may not have arrived",
          statusAt: nowOf(services),
        })
        .where(and(eq(messages.id, job.messageId!), eq(messages.status, "queued")))
        .returning({ clientId: messages.clientId });
      if (row) await recordChanges(tx, [{ entity: "message", entityId: job.messageId!, action: "updated", clientId: row.clientId }]);
      const [message] = await tx.select({ askedOrderIds: messages.askedOrderIds }).from(messages).where(eq(messages.id, job.messageId!));
      await flagDeliveryFailed(tx, message?.askedOrderIds ?? (job.orderId ? [job.orderId] : []));
    });
    return "failed";
  };

  return {
    handlers: {
      confirmation_request: sendConfirmationStep,
      reminder: sendConfirmationStep,
      send_message: sendQueuedMessage,
      confirmation_timeout: timeOut,
      auto_cancel: autoCancel,
    },
    onInterrupted,
  };
}
