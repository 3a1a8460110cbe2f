import { customAdapter } from "./custom/custom-adapter.ts";
import { shopifyAdapter } from "./shopify/shopify-adapter.ts";
import type { StoreAdapter, StorePlatform } from "./types.ts";

/** One adapter per platform: the only place a platform name maps to code. */
export const STORE_ADAPTERS: Record<StorePlatform, StoreAdapter> = {
  shopify: shopifyAdapter,
  woocommerce: unavailable("woocommerce"),
  youcan: unavailable("youcan"),
  custom: customAdapter,
};

function unavailable(platform: StorePlatform): StoreAdapter {
  return {
    platform,
    setupHint: "",
    verify: () => "missing",
    parse: () => ({ ok: false, code: "unsupported_event", message: `${platform} is not connected yet` }),
  };
}
