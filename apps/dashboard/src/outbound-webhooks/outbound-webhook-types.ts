import type { RouterOutputs } from "../api/types.ts";
import { fr } from "../i18n/fr.ts";
import { t } from "../i18n/locale.ts";
import type { MessageKey } from "../i18n/translate.ts";

export type OutboundWebhook = RouterOutputs["outboundWebhooks"]["list"][number];
export type CreatedOutboundWebhook = RouterOutputs["outboundWebhooks"]["create"];
export type OutboundDelivery = RouterOutputs["outboundWebhooks"]["deliveries"]["items"][number];

/** An event type in words; one the catalogue does not know yet is shown as the server names it. */
export function eventLabel(type: string): string {
  const key = `webhooks.event.${type}`;
  return key in fr ? t(key as MessageKey) : type;
}
