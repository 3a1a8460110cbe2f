import type { InboundMessage } from "@confirma/whatsapp";
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
