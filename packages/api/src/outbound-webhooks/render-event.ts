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
 * The JSON body of an outbound webhook: `{ type, timestamp, data }`, money as exact decimals
 * (as the REST API shows orders), timestamps in ISO 8601 UTC. Deterministic: every attempt of a
 * delivery sends the same bytes.
 */
export function renderOutboundEvent(stored: StoredEvent): string {
  return JSON.stringify({ type: stored.type, timestamp: iso(stored.timestamp), data: renderData(stored) });
}

function renderData({ type, data }: StoredEvent): Record<string, unknown> {
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
    };
  }
  return data;
}

/** PostgreSQL's JSON timestamps (`2026-11-29T10:00:00.123456+00:00`) as `2026-11-29T10:00:00.123Z`. */
function iso(timestamp: string): string {
  return new Date(timestamp).toISOString();
}
