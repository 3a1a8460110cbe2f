/** Where a WhatsApp message stands: `received` for inbound ones, the provider's delivery steps for outbound ones. */
export const MESSAGE_STATUSES = ["received", "queued", "sent", "delivered", "read", "failed"] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** Why Confirma sent an outbound message. */
export const MESSAGE_PURPOSES = ["confirmation_request", "reminder", "agent_reply"] as const;
export type MessagePurpose = (typeof MESSAGE_PURPOSES)[number];

export function isMessageStatus(value: string | null | undefined): value is MessageStatus {
  return (MESSAGE_STATUSES as readonly string[]).includes(value ?? "");
}
