import type { MediaView } from "../media/media-service.ts";
import { fromMinorUnits } from "../money/money.ts";

/**
 * What the outbox triggers (migration 0012) store for an event: its facts as they were in the
 * change's transaction, money in minor units. Each field read here is written there.
 */
export interface StoredEvent {
  type: string;
  timestamp: string;
  data: Record<string, unknown>;
}

interface StoredItem {
  productId: string;
  variantId: string | null;
  sku: string | null;
  name: string;
  unitPriceMinor: number;
  quantity: number;
}

/**
 * What an event's row does not hold because it changes after the event: a message's file, fetched
 * in the background after the message (and its `message.received` row) was stored.
 */
export interface RenderContext {
  /** The files of the events' messages as they are at this attempt, by message id (`loadRenderContext`). */
  media: ReadonlyMap<string, MediaView>;
  /** Where Confirma is reached from outside (`Services.publicBaseUrl`): file URLs are built on it; absent, they are paths. */
  baseUrl: string | undefined;
}

/** The messages whose file a `message.received` event may carry. */
export function eventMessageIds(events: readonly StoredEvent[]): string[] {
  return events.flatMap((event) => (event.type === "message.received" && typeof event.data.id === "string" ? [event.data.id] : []));
}

/**
 * The JSON body of an outbound webhook: `{ type, timestamp, data }`, money as exact decimals
 * (as the REST API shows orders), timestamps in ISO 8601 UTC. Deterministic: the same row and
 * context give the same bytes; only a message's `media` (its fetch status, size, length) may be
 * newer on a later attempt, as the file is fetched after the event was written.
 */
export function renderOutboundEvent(stored: StoredEvent, context?: RenderContext): string {
  return JSON.stringify({ type: stored.type, timestamp: iso(stored.timestamp), data: renderData(stored, context) });
}

function renderData({ type, data }: StoredEvent, context: RenderContext | undefined): Record<string, unknown> {
  if (type.startsWith("order.")) {
    const currency = data.currency as string;
    return {
      id: data.id,
      status: data.status,
      previousStatus: data.previousStatus,
      reason: data.reason,
      actor: data.actor,
      clientId: data.clientId,
      client: data.client,
      total: fromMinorUnits(data.totalMinor as number, currency),
      currency,
      storeId: data.storeId,
      externalId: data.externalId,
      externalNumber: data.externalNumber,
      shippingAddress: data.shippingAddress,
      products: (data.items as StoredItem[]).map((item) => ({
        id: item.productId,
        name: item.name,
        price: fromMinorUnits(item.unitPriceMinor, currency),
        quantity: item.quantity,
        ...(item.variantId ? { variantId: item.variantId } : {}),
        ...(item.sku ? { sku: item.sku } : {}),
      })),
      isTest: data.isTest,
      createdAt: iso(data.createdAt as string),
    };
  }
  if (type === "message.received") {
    return {
      id: data.id,
      clientId: data.clientId,
      phone: data.phone,
      name: data.name,
      type: data.type,
      body: data.body,
      buttonPayload: data.buttonPayload,
      intent: data.intent,
      orderId: data.orderId,
      sentAt: iso(data.sentAt as string),
      media: renderMedia(context?.media.get(data.id as string), context?.baseUrl),
    };
  }
  return data;
}

/** A message's file as the REST API shows it, its `url` absolute (the receiver is elsewhere); null without a file. */
function renderMedia(media: MediaView | undefined, baseUrl: string | undefined): Record<string, unknown> | null {
  if (!media) return null;
  // Relative to the base, so a PUBLIC_URL with a path (https://example.com/confirma/) keeps it.
  return { ...media, url: baseUrl ? new URL(media.url.slice(1), baseUrl).toString() : media.url };
}

/** PostgreSQL's JSON timestamps (`2026-11-29T10:00:00.123456+00:00`) as `2026-11-29T10:00:00.123Z`. */
function iso(timestamp: string): string {
  return new Date(timestamp).toISOString();
}
