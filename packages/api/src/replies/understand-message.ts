import { classifyReply, decodeButtonPayload, type InboundMessage, type ReplyIntent } from "@confirma/whatsapp";

export interface Understanding {
  intent: ReplyIntent;
  /** The rule that decided, for the audit trail. */
  rule: string;
  /** Set when a button payload names the exact order it answers. */
  orderId?: string;
}

/** Types whose text is the customer's own words. */
const TEXT_TYPES = new Set<InboundMessage["type"]>(["text", "button", "interactive"]);

/**
 * What an inbound message says about the pending order: a button bound to an order decides
 * for that order; text is classified; media without words and everything else is unclear.
 */
export function understandMessage(message: Pick<InboundMessage, "type" | "text" | "buttonPayload">): Understanding {
  if (message.buttonPayload) {
    const action = decodeButtonPayload(message.buttonPayload);
    if (action) return { intent: action.intent, rule: "button", orderId: action.orderId };
  }
  const words = message.text.trim();
  if (words === "") return { intent: "unclear", rule: `type:${message.type}` };
  if (!TEXT_TYPES.has(message.type) && !["image", "video", "document"].includes(message.type)) {
    return { intent: "unclear", rule: `type:${message.type}` };
  }
  const { intent, rule } = classifyReply(words);
  return { intent, rule: `reply:${rule}` };
}
