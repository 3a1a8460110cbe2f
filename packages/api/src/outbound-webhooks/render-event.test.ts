import { expect, test } from "bun:test";
import { renderOutboundEvent, type StoredEvent } from "./render-event.ts";

const order = (currency: string, totalMinor: number, unitPriceMinor: number): StoredEvent => ({
  type: "order.confirmed",
  timestamp: "2026-11-29T10:00:00.123456+01:00",
  data: {
    id: "o1",
    status: "confirmed",
    previousStatus: "pending",
    reason: "reply:word:fr:oui",
    actor: { type: "message", id: "m1" },
    clientId: "c1",
    client: { phone: "+212661234567", name: "Youssef" },
    currency,
    totalMinor,
    storeId: "s1",
    externalId: "1001",
    externalNumber: "#1001",
    shippingAddress: { city: "Casablanca" },
    items: [{ productId: "p1", variantId: null, sku: "DJ-M", name: "Djellaba", unitPriceMinor, quantity: 2 }],
    isTest: false,
    createdAt: "2026-11-29T08:59:00+00:00",
  },
});

test.each([
  ["MAD", 65_900, 32_950, 659, 329.5],
  ["TND", 1_234, 617, 1.234, 0.617],
  ["XOF", 5_000, 2_500, 5_000, 2_500],
])("money in %s is an exact decimal, as the REST API shows it", (currency, totalMinor, unitMinor, total, price) => {
  const body = JSON.parse(renderOutboundEvent(order(currency, totalMinor, unitMinor)));
  expect(body.data.total).toBe(total);
  expect(body.data.products).toEqual([{ id: "p1", name: "Djellaba", price, quantity: 2, sku: "DJ-M" }]);
});

test("the body is the same bytes every time, timestamps in UTC ISO 8601, fields in a fixed order", () => {
  const stored = order("MAD", 100, 50);
  const body = renderOutboundEvent(stored);
  expect(renderOutboundEvent(structuredClone(stored))).toBe(body);
  const parsed = JSON.parse(body);
  expect(Object.keys(parsed)).toEqual(["type", "timestamp", "data"]);
  expect(parsed.timestamp).toBe("2026-11-29T09:00:00.123Z");
  expect(parsed.data.createdAt).toBe("2026-11-29T08:59:00.000Z");
  expect(Object.keys(parsed.data).slice(0, 4)).toEqual(["id", "status", "previousStatus", "reason"]);
  expect(parsed.data.totalMinor).toBeUndefined();
});

test("message.received and webhook.test keep their data", () => {
  const message = renderOutboundEvent({
    type: "message.received",
    timestamp: "2026-11-29T10:00:00Z",
    data: {
      id: "m1",
      clientId: "c1",
      phone: "+2126",
      name: null,
      type: "text",
      body: "oui",
      buttonPayload: null,
      intent: "confirm",
      orderId: null,
      sentAt: "2026-11-29T09:59:59Z",
    },
  });
  expect(JSON.parse(message).data).toEqual({
    id: "m1",
    clientId: "c1",
    phone: "+2126",
    name: null,
    type: "text",
    body: "oui",
    buttonPayload: null,
    intent: "confirm",
    orderId: null,
    sentAt: "2026-11-29T09:59:59.000Z",
    media: null,
  });
  expect(JSON.parse(renderOutboundEvent({ type: "webhook.test", timestamp: "2026-11-29T10:00:00Z", data: { webhookId: "w1" } })).data).toEqual({
    webhookId: "w1",
  });
});

test("a message's file goes with message.received as it is at this attempt, its URL absolute under the public base URL (path kept)", () => {
  const stored: StoredEvent = {
    type: "message.received",
    timestamp: "2026-11-29T10:00:00Z",
    data: {
      id: "m 1",
      clientId: "c1",
      phone: "+2126",
      name: null,
      type: "audio",
      body: "",
      buttonPayload: null,
      intent: "unclear",
      orderId: null,
      sentAt: "2026-11-29T09:59:59Z",
    },
  };
  const voiceNote = {
    url: "/api/media/m%201",
    type: "audio",
    mimeType: null,
    size: null,
    durationSeconds: null,
    caption: null,
    status: "pending" as const,
    error: null,
  };
  const pending = JSON.parse(renderOutboundEvent(stored, { media: new Map([["m 1", voiceNote]]), baseUrl: "https://example.com/confirma/" }));
  expect(pending.data.media).toEqual({ ...voiceNote, url: "https://example.com/confirma/api/media/m%201" });
  const ready = { ...voiceNote, mimeType: "audio/ogg", size: 5120, durationSeconds: 3, status: "stored" as const };
  const later = JSON.parse(renderOutboundEvent(stored, { media: new Map([["m 1", ready]]), baseUrl: "https://example.com/confirma/" }));
  expect(later.data.media).toMatchObject({ status: "stored", mimeType: "audio/ogg", size: 5120, durationSeconds: 3 });
  // Without a public base URL the link stays a path; another message's file is not this one's.
  expect(JSON.parse(renderOutboundEvent(stored, { media: new Map([["m 1", voiceNote]]), baseUrl: undefined })).data.media.url).toBe("/api/media/m%201");
  expect(JSON.parse(renderOutboundEvent(stored, { media: new Map([["m2", voiceNote]]), baseUrl: "https://example.com/" })).data.media).toBeNull();
});
