import { customAdapter } from "./custom/custom-adapter.ts";
import { shopifyAdapter } from "./shopify/shopify-adapter.ts";
import type { StoreAdapter, StorePlatform } from "./types.ts";
import { woocommerceAdapter } from "./woocommerce/woocommerce-adapter.ts";
import { youcanAdapter } from "./youcan/youcan-adapter.ts";

/** One adapter per platform: the only place a platform name maps to code. */
export const STORE_ADAPTERS: Record<StorePlatform, StoreAdapter> = {
  shopify: shopifyAdapter,
  woocommerce: woocommerceAdapter,
  youcan: youcanAdapter,
  custom: customAdapter,
};
