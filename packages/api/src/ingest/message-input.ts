import type { InboundMessage } from "@confirma/whatsapp";
import { sql } from "drizzle-orm";
import type { Understanding } from "../replies/understand-message.ts";

/** A phone sender's message as the one-statement paths read it: the columns of `messages` it fills, with its sender. */
export function messageInput(event: InboundMessage & { messageId: string; from: { phone: string } }, understanding: Understanding) {
  return {
    phone: event.from.phone,
    name: event.from.name ?? null,
    provider: event.provider,
    provider_message_id: event.messageId,
    type: event.type,
    body: event.text,
    button_payload: event.buttonPayload ?? null,
    reply_to: event.replyToMessageId ?? null,
    intent: understanding.intent,
    intent_rule: understanding.rule,
    media: event.media ?? event.location ?? null,
    sent_at: event.timestamp.toISOString(),
  };
}

// The steps both one-statement paths share, around the rows `messageInput` fills: change them once.

/** The `input` columns of a message (after `ord int, message_id text, client_id text`). */
export const MESSAGE_INPUT_COLUMNS = sql.raw(
  "phone text, name text, provider text, provider_message_id text, type text, body text, button_payload text, reply_to text, intent text, intent_rule text, media jsonb, sent_at timestamptz",
);

/** `receipt` (a provider id seen before stops there: exactly once) and `fresh`, the `input` rows whose receipt is new. */
export const RECEIPT_STEPS = sql.raw(`receipt as (
          insert into webhook_receipts (provider, provider_message_id)
          select provider, provider_message_id from input order by ord
          on conflict do nothing
          returning provider, provider_message_id
        ), fresh as (
          select input.* from input join receipt using (provider, provider_message_id)
        )`);

/** `message`: the fresh messages stored, each with the client `sender` (`id`, `phone_number`) upserted for its phone. */
export const MESSAGE_STEP = sql.raw(`message as (
          insert into messages (id, client_id, direction, type, body, provider, provider_message_id, status,
                                button_payload, reply_to_message_id, intent, intent_rule, media, sent_at)
          select fresh.message_id, sender.id, 'in', fresh.type, fresh.body, fresh.provider, fresh.provider_message_id, 'received',
                 fresh.button_payload, fresh.reply_to, fresh.intent, fresh.intent_rule, fresh.media, fresh.sent_at
          from fresh join sender on sender.phone_number = fresh.phone
          order by fresh.ord
          returning id, client_id
        )`);
