import { seedProvider } from "./seed.ts";
import type { DecodedBody, ProviderAdapter, ProviderName, WebhookRequest } from "./types.ts";

/**
 * Every adapter, in detection order: the most specific envelopes first, the seed's loose
 * `{ from, body }` last. Adding a provider means adding its file and one line here.
 */
export const PROVIDERS: readonly ProviderAdapter[] = [seedProvider];

export function getProvider(name: string): ProviderAdapter | undefined {
  return PROVIDERS.find((provider) => provider.name === name);
}

/** The provider whose envelope this is, or undefined for an unknown shape. */
export function detectProvider(body: DecodedBody, request: WebhookRequest): ProviderAdapter | undefined {
  return PROVIDERS.find((provider) => provider.detect(body, request));
}

export type { ProviderName };
