import { messages, orders, recordChanges } from "@confirma/db";
import { MESSAGE_LANGUAGES, placeholdersIn, renderCannedReply, unfilledPlaceholders } from "@confirma/domain";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { safeText } from "../input/safe-text.ts";
import { idInput } from "../input/common-schemas.ts";
import { getClientRow } from "../clients/client-service.ts";
import { lastInboundAt, SERVICE_WINDOW_MS } from "../confirmation/confirmation-flow.ts";
import type { Actor } from "../actor.ts";
import { nowOf, type Services } from "../context.ts";
import { DomainError } from "../errors/domain-error.ts";
import { enqueueJob } from "../jobs/job-queue.ts";
import { toMessageView, type MessageView } from "./message-service.ts";
import { loadDeliveryDate } from "../canned-replies/canned-reply-service.ts";
import { toOrderViews } from "../orders/order-view.ts";

export const sendMessageInput = z.strictObject({
  clientId: idInput,
  text: safeText({ trim: true, multiline: true }).min(1).max(4096),
  orderId: idInput.optional(),
  /** The language `{total}` is formatted in (a canned reply's language); French when not given. */
  language: z.enum(MESSAGE_LANGUAGES).optional(),
});

/** Whether free text may be sent now, and until when (WhatsApp's 24-hour customer service window). */
export async function serviceWindow(services: Services, clientId: string): Promise<{ open: boolean; lastInboundAt: string | null; closesAt: string | null }> {
  const last = await lastInboundAt(services.db, clientId);
  if (!last) return { open: false, lastInboundAt: null, closesAt: null };
  const closesAt = new Date(last.getTime() + SERVICE_WINDOW_MS);
  return { open: closesAt > nowOf(services), lastInboundAt: last.toISOString(), closesAt: closesAt.toISOString() };
}

/**
 * Queues a person's free-text reply; the job runner sends it. Refused with
 * `outside_service_window` when the customer has not written in the last 24 hours.
 */
export async function sendAgentMessage(services: Services, input: z.output<typeof sendMessageInput>, actor: Actor, provider: string): Promise<MessageView> {
  await getClientRow(services.db, input.clientId);
  const window = await serviceWindow(services, input.clientId);
  if (!window.open) {
    throw new DomainError(
      "outside_service_window",
      window.lastInboundAt
        ? "the customer's last message is more than 24 hours old: WhatsApp only allows an approved template now"
        : "the customer has never written: WhatsApp only allows an approved template",
      window,
    );
  }
  const text = await renderAgentText(services, input);
  return services.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(messages)
      .values({
        clientId: input.clientId,
        direction: "out",
        type: "text",
        body: text,
        provider,
        status: "queued",
        purpose: "agent_reply",
        sentBy: actor.id,
        orderId: input.orderId ?? null,
        sentAt: nowOf(services),
      })
      .returning();
    await enqueueJob(tx, { kind: "send_message", dedupeKey: `send:${row!.id}`, messageId: row!.id, runAt: nowOf(services) });
    await recordChanges(tx, [{ entity: "message", entityId: row!.id, action: "created", clientId: input.clientId }]);
    return toMessageView(row!);
  });
}

/**
 * Fills `{name}`, `{order}`, `{total}`… (a canned reply, as the dashboard previewed it) from the
 * client, the order the reply is about and the delivery time setting, so the stored message is
 * the text the customer reads. Refused with `invalid_input` while a known placeholder has no value
 * (no order given for `{total}`, no delivery time set for `{delivery_date}`): a customer never
 * receives `{total}`. Text without placeholders is sent as typed.
 */
async function renderAgentText(services: Services, input: z.output<typeof sendMessageInput>): Promise<string> {
  if (placeholdersIn(input.text).length === 0) return input.text;
  const client = await getClientRow(services.db, input.clientId);
  let order = null;
  if (input.orderId) {
    const [row] = await services.db
      .select()
      .from(orders)
      .where(and(eq(orders.id, input.orderId), eq(orders.clientId, input.clientId)));
    if (!row) throw new DomainError("not_found", `no order \`${input.orderId}\` for this client`);
    [order] = await toOrderViews(services.db, [row]);
  }
  const text = renderCannedReply(input.text, {
    client,
    order: order ?? null,
    deliveryDate: await loadDeliveryDate(services.db),
    language: input.language ?? "fr",
  });
  const unfilled = unfilledPlaceholders(text);
  if (unfilled.length > 0)
    throw new DomainError("invalid_input", `nothing to fill ${unfilled.map((name) => `{${name}}`).join(", ")} with: name the order, or set the delivery time`, {
      field: "text",
      unfilled,
    });
  return text;
}
