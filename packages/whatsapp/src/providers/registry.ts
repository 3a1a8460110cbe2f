import { evolutionProvider } from "./evolution.ts";
import { greenApiProvider } from "./green-api.ts";
import { metaCloudProvider } from "./meta-cloud.ts";
import { seedProvider } from "./seed.ts";
import { twilioProvider } from "./twilio.ts";
import { wahaProvider } from "./waha.ts";
import type { DecodedBody, ProviderAdapter, ProviderName, WebhookRequest } from "./types.ts";

/**
 * Every adapter, in detection order: the most specific envelopes first, the seed's loose
 * `{ from, body }` last. Adding a provider means adding its file and one line here.
 */
export const PROVIDERS: readonly ProviderAdapter[] = [
  metaCloudProvider, // { object: "whatsapp_business_account", entry }
  twilioProvider, // form fields with AccountSid + MessageSid
  greenApiProvider, // { typeWebhook, … }
  wahaProvider, // { event, session, payload }
  evolutionProvider, // { event, instance, data }
  seedProvider, // { from, body }: the loosest, always last
];

export function getProvider(name: string): ProviderAdapter | undefined {
  return PROVIDERS.find((provider) => provider.name === name);
}

/** The provider whose envelope this is, or undefined for an unknown shape. */
export function detectProvider(body: DecodedBody, request: WebhookRequest): ProviderAdapter | undefined {
  return PROVIDERS.find((provider) => provider.detect(body, request));
}

export type { ProviderName };
