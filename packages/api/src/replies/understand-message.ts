import { classifyReply, decodeButtonPayload, type InboundMessage, type ReplyIntent, type ReplyStrength } from "@confirma/whatsapp";

export interface Understanding {
  intent: ReplyIntent;
  /** The rule that decided, for the audit trail. */
  rule: string;
  /**
   * `explicit` ("je confirme", a bound button) decides whatever came before; `plain` ("oui", "ok",
   * 👍) only right after the question; `none` for an unclear message.
   */
  strength: ReplyStrength;
  /** Set when a button payload names the exact order it answers. */
  orderId?: string;
  /** Set when a button payload ("Tout confirmer") names the request message whose orders it answers. */
  requestId?: string;
}

/** Types whose text is the customer's own words. */
const TEXT_TYPES = new Set<InboundMessage["type"]>(["text", "button", "interactive"]);

/**
 * What an inbound message says about the pending order: a button bound to an order (or to a
 * request) decides for it; text is classified; media without words and everything else is unclear.
 */
export function understandMessage(message: Pick<InboundMessage, "type" | "text" | "buttonPayload">): Understanding {
  if (message.buttonPayload) {
    const action = decodeButtonPayload(message.buttonPayload);
    if (action) {
      const target = action.orderId !== undefined ? { orderId: action.orderId } : { requestId: action.requestId };
      return { intent: action.intent, rule: "button", strength: "explicit", ...target };
    }
  }
  const words = message.text.trim();
  if (words === "") return { intent: "unclear", rule: `type:${message.type}`, strength: "none" };
  if (!TEXT_TYPES.has(message.type) && !["image", "video", "document"].includes(message.type)) {
    return { intent: "unclear", rule: `type:${message.type}`, strength: "none" };
  }
  const { intent, rule, strength } = classifyReply(words);
  return { intent, rule: `reply:${rule}`, strength };
}
