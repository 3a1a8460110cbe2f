import { OUTBOUND_WEBHOOKS_CHANNEL, outboundDeliveries, outboundWebhooks, type Executor, type OutboundDelivery, type OutboundWebhook } from "@confirma/db";
import { OUTBOUND_TEST_EVENT, type OutboundEventType } from "@confirma/domain";
import { newWebhookSecret, OutboundRefusedError } from "@confirma/stores";
import { and, asc, desc, eq, lt, sql, type SQL } from "drizzle-orm";
import { uuidv7 } from "uuidv7";
import type { Actor } from "../actor.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { nowOf, type Services } from "../context.ts";
import { DomainError } from "../errors/domain-error.ts";
import { decodeCursor, toPage, type Page } from "../pagination/cursor.ts";
import { failPendingDeliveries } from "./delivery-queue.ts";
import type { CreateOutboundWebhookInput, ListOutboundDeliveriesInput, UpdateOutboundWebhookInput } from "./outbound-webhook-schemas.ts";
import { loadRenderContext } from "./render-context.ts";
import { renderOutboundEvent, type RenderContext, type StoredEvent } from "./render-event.ts";

/** An endpoint as the API shows it: everything but its secret. */
export interface OutboundWebhookView {
  id: string;
  url: string;
  /** The events it receives; empty = every event. */
  events: OutboundEventType[];
  enabled: boolean;
  /** Why it was disabled (410 Gone, failing for days); null when enabled or disabled by hand. */
  disabledReason: string | null;
  disabledAt: string | null;
  /** The first failed attempt since its last success: it is disabled after three days of failures. */
  failingSince: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The 201 answer: the view and the signing secret, shown this once. */
export type CreatedOutboundWebhookView = OutboundWebhookView & { secret: string };

/** One line of an endpoint's delivery log. */
export interface OutboundDeliveryView {
  id: string;
  /** The `webhook-id` header of every attempt. */
  messageId: string;
  event: string;
  status: OutboundDelivery["status"];
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  lastAttemptAt: string | null;
  /** When the next attempt is due (pending only; null = as soon as a dispatcher is free). */
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
  /** The body as it is sent. */
  payload: unknown;
}

export function toOutboundWebhookView(row: OutboundWebhook): OutboundWebhookView {
  return {
    id: row.id,
    url: row.url,
    events: row.events as OutboundEventType[],
    enabled: row.enabled,
    disabledReason: row.disabledReason,
    disabledAt: row.disabledAt?.toISOString() ?? null,
    failingSince: row.failingSince?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function toDeliveryView(row: OutboundDelivery, context?: RenderContext): OutboundDeliveryView {
  return {
    id: row.id,
    messageId: row.messageId,
    event: row.eventType,
    status: row.status,
    attempts: row.attempts,
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
    // Due "at once" is stored as -infinity, which is no date.
    nextAttemptAt: row.status === "pending" && Number.isFinite(row.nextAttemptAt.getTime()) ? row.nextAttemptAt.toISOString() : null,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    payload: JSON.parse(renderOutboundEvent(row.payload as StoredEvent, context)),
  };
}

/** The host of a URL, for the audit trail: a webhook URL's path or query may hold a token. */
function hostOf(url: string): string {
  return new URL(url).host;
}

/** Refuses, as a 400, an address the dispatcher would refuse to reach (OUTBOUND_ALLOW_PRIVATE_NETWORKS). */
async function assertReachable(services: Services, url: string): Promise<void> {
  try {
    await services.outboundUrlCheck?.(url);
  } catch (error) {
    if (error instanceof OutboundRefusedError) throw new DomainError("url_not_public", `url: ${error.message}`);
    // A name that does not resolve today may tomorrow; each attempt checks again.
  }
}

export async function createOutboundWebhook(services: Services, input: CreateOutboundWebhookInput, actor: Actor): Promise<CreatedOutboundWebhookView> {
  await assertReachable(services, input.url);
  const secret = newWebhookSecret();
  return services.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(outboundWebhooks)
      .values({ url: input.url, events: input.events ?? [], secret })
      .returning();
    if (!row) throw new Error("insert returned no endpoint");
    await recordAudit(tx, actor, "outbound_webhook.created", row.id, { host: hostOf(row.url), events: row.events });
    return { ...toOutboundWebhookView(row), secret };
  });
}

export async function listOutboundWebhooks({ db }: Services): Promise<OutboundWebhookView[]> {
  const rows = await db.select().from(outboundWebhooks).orderBy(asc(outboundWebhooks.createdAt), asc(outboundWebhooks.id));
  return rows.map(toOutboundWebhookView);
}

async function findOutboundWebhook(tx: Executor, id: string, { lock = false } = {}): Promise<OutboundWebhook> {
  const query = tx.select().from(outboundWebhooks).where(eq(outboundWebhooks.id, id));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw new DomainError("not_found", `no outbound webhook \`${id}\``);
  return row;
}

export async function getOutboundWebhook({ db }: Services, id: string): Promise<OutboundWebhookView> {
  return toOutboundWebhookView(await findOutboundWebhook(db, id));
}

/**
 * Changes an endpoint. Turning it off stops its pending deliveries (they are marked failed);
 * turning it on again clears why it was disabled and sends the events from then on.
 */
export async function updateOutboundWebhook(services: Services, id: string, input: UpdateOutboundWebhookInput, actor: Actor): Promise<OutboundWebhookView> {
  if (input.url !== undefined) await assertReachable(services, input.url);
  return services.db.transaction(async (tx) => {
    const current = await findOutboundWebhook(tx, id, { lock: true });
    const switching = input.enabled !== undefined && input.enabled !== current.enabled;
    const [row] = await tx
      .update(outboundWebhooks)
      .set({
        ...(input.url === undefined ? {} : { url: input.url }),
        ...(input.events === undefined ? {} : { events: input.events }),
        ...(switching && input.enabled ? { enabled: true, disabledReason: null, disabledAt: null, failingSince: null } : {}),
        ...(switching && !input.enabled ? { enabled: false, disabledReason: null, disabledAt: nowOf(services) } : {}),
        updatedAt: sql`now()`,
      })
      .where(eq(outboundWebhooks.id, id))
      .returning();
    if (switching && !input.enabled) await failPendingDeliveries(tx, id, "not sent: the endpoint was disabled");
    await recordAudit(tx, actor, "outbound_webhook.updated", id, {
      fields: Object.keys(input).sort(),
      ...(input.url === undefined ? {} : { host: hostOf(input.url) }),
      ...(input.enabled === undefined ? {} : { enabled: input.enabled }),
    });
    return toOutboundWebhookView(row!);
  });
}

/** Removes an endpoint and its delivery log; what was not yet sent is not sent. */
export async function deleteOutboundWebhook({ db }: Services, id: string, actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx.delete(outboundWebhooks).where(eq(outboundWebhooks.id, id)).returning({ id: outboundWebhooks.id, url: outboundWebhooks.url });
    if (!row) throw new DomainError("not_found", `no outbound webhook \`${id}\``);
    await recordAudit(tx, actor, "outbound_webhook.deleted", id, { host: hostOf(row.url) });
  });
}

/**
 * Queues a `webhook.test` event for one endpoint, whatever it subscribed to: a delivery like any
 * other (signed, logged, retried), due at once. A disabled endpoint is refused (409).
 */
export async function sendOutboundTestEvent(services: Services, id: string, actor: Actor): Promise<OutboundDeliveryView> {
  return services.db.transaction(async (tx) => {
    const endpoint = await findOutboundWebhook(tx, id, { lock: true });
    if (!endpoint.enabled) throw new DomainError("conflict", "this endpoint is disabled: enable it before sending a test event");
    const stored: StoredEvent = {
      type: OUTBOUND_TEST_EVENT,
      timestamp: nowOf(services).toISOString(),
      data: { webhookId: endpoint.id, message: "A test event from Confirma: this endpoint receives its webhooks." },
    };
    const [row] = await tx
      .insert(outboundDeliveries)
      .values({
        id: uuidv7(),
        messageId: `msg_${uuidv7().replaceAll("-", "")}`,
        webhookId: endpoint.id,
        eventType: OUTBOUND_TEST_EVENT,
        payload: stored,
        nextAttemptAt: sql`'-infinity'::timestamptz`,
      })
      .returning();
    await tx.execute(sql`select pg_notify(${OUTBOUND_WEBHOOKS_CHANNEL}, '')`);
    await recordAudit(tx, actor, "outbound_webhook.tested", id, { messageId: row!.messageId });
    return toDeliveryView(row!);
  });
}

/** An endpoint's delivery log, newest first; a message's `media` as it is now (what the next attempt would send). */
export async function listOutboundDeliveries(
  { db, publicBaseUrl }: Services,
  id: string,
  input: ListOutboundDeliveriesInput,
): Promise<Page<OutboundDeliveryView>> {
  await findOutboundWebhook(db, id);
  const conditions: SQL[] = [eq(outboundDeliveries.webhookId, id)];
  if (input.status) conditions.push(eq(outboundDeliveries.status, input.status));
  if (input.cursor) conditions.push(lt(outboundDeliveries.id, decodeCursor(input.cursor)));
  const rows = await db
    .select()
    .from(outboundDeliveries)
    .where(and(...conditions))
    .orderBy(desc(outboundDeliveries.id))
    .limit(input.limit + 1);
  const page = toPage(rows, input.limit);
  const context = await loadRenderContext(
    db,
    page.items.map((row) => row.payload as StoredEvent),
    publicBaseUrl,
  );
  return { items: page.items.map((row) => toDeliveryView(row, context)), nextCursor: page.nextCursor };
}
