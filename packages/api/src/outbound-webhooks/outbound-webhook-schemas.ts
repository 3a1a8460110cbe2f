import { OUTBOUND_DELIVERY_STATUSES, OUTBOUND_EVENT_TYPES } from "@confirma/domain";
import { z } from "zod";
import { idInput, listLimit } from "../input/common-schemas.ts";
import { httpUrl } from "../stores/store-schemas.ts";

/** The events to send; empty or absent = every event (ones added later included). Stored once each, in the list's order. */
const events = z
  .array(z.enum(OUTBOUND_EVENT_TYPES))
  .max(OUTBOUND_EVENT_TYPES.length * 2)
  .transform((chosen) => OUTBOUND_EVENT_TYPES.filter((type) => chosen.includes(type)));

/** `POST /api/outbound-webhooks`: the names are a contract scripts register endpoints with. */
export const createOutboundWebhookInput = z.strictObject({ url: httpUrl, events: events.optional() });

/** `PATCH /api/outbound-webhooks/:id`: a new address, other events, or on/off (on again clears why it was disabled). */
export const updateOutboundWebhookInput = z.strictObject({ url: httpUrl.optional(), events: events.optional(), enabled: z.boolean().optional() });

/** `GET /api/outbound-webhooks/:id/deliveries`: newest first, by page. */
export const listOutboundDeliveriesInput = z.strictObject({
  limit: listLimit,
  cursor: z.string().max(200).optional(),
  status: z.enum(OUTBOUND_DELIVERY_STATUSES).optional(),
});

export const outboundWebhookIdInput = idInput;

export type CreateOutboundWebhookInput = z.output<typeof createOutboundWebhookInput>;
export type UpdateOutboundWebhookInput = z.output<typeof updateOutboundWebhookInput>;
export type ListOutboundDeliveriesInput = z.output<typeof listOutboundDeliveriesInput>;
