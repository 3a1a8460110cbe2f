import type { ORDER_STATUSES } from "@confirma/domain";
import { STORE_CONFIRM_MODES, STORE_PLATFORMS } from "@confirma/stores";
import { z } from "zod";
import { safeText } from "../input/safe-text.ts";

/** An https (or, for self-hosted setups and tests, http) URL without credentials or fragment (store API URLs, outbound webhook endpoints). */
export const httpUrl = safeText({ trim: true })
  .max(500)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "https:" || url.protocol === "http:") && !url.username && !url.password && !url.hash;
    } catch {
      return false;
    }
  }, "an http(s) URL without credentials");

/** `my-shop.myshopify.com`: a host name, lower-cased, without scheme or path. */
const shopDomain = safeText({ trim: true })
  .max(255)
  .transform((value) =>
    value
      .toLowerCase()
      .replace(/^https?:\/\//, "")
      .replace(/\/+$/, ""),
  )
  .refine((value) => /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/.test(value), "a shop domain like my-shop.myshopify.com");

const secret = safeText({ trim: true }).min(1).max(500);
const country = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, "an ISO 3166 country code like MA");
const currency = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, "an ISO 4217 currency like MAD");

const WRITE_BACK_STATUSES = ["pending", "confirmed", "cancelled", "no_answer"] as const satisfies readonly (typeof ORDER_STATUSES)[number][];

export const writeBackOptionsInput = z.strictObject({
  tags: z.boolean().optional(),
  note: z.boolean().optional(),
  cancelOrder: z.boolean().optional(),
  /** `null` drops the store's own map: the platform's default map applies again. */
  statusMap: z
    .partialRecord(z.enum(WRITE_BACK_STATUSES), safeText({ trim: true }).min(1).max(60))
    .nullable()
    .optional(),
});

const storeFields = {
  name: safeText({ trim: true }).min(1).max(120),
  shopDomain: shopDomain.optional(),
  siteUrl: httpUrl.optional(),
  storeId: safeText({ trim: true }).min(1).max(120).optional(),
  /** Required for Shopify and YouCan (the platform's secret); generated and shown once for WooCommerce and custom when left out. */
  webhookSecret: secret.optional(),
  accessToken: secret.optional(),
  consumerKey: secret.optional(),
  consumerSecret: secret.optional(),
  apiUrl: httpUrl.optional(),
  defaultCountry: country.optional(),
  defaultCurrency: currency.optional(),
  confirm: z.enum(STORE_CONFIRM_MODES).optional(),
  writeBack: writeBackOptionsInput.optional(),
};

/** `POST /api/stores`: the names are a contract scripts set stores up with. */
export const createStoreInput = z.strictObject({ platform: z.enum(STORE_PLATFORMS), ...storeFields });

/** `PATCH /api/stores/:id`: any field but the platform; `null` clears an optional one. */
export const updateStoreInput = z.strictObject({
  name: storeFields.name.optional(),
  shopDomain: shopDomain.nullable().optional(),
  siteUrl: httpUrl.nullable().optional(),
  storeId: storeFields.storeId.nullable().optional(),
  webhookSecret: secret.optional(),
  accessToken: secret.nullable().optional(),
  consumerKey: secret.nullable().optional(),
  consumerSecret: secret.nullable().optional(),
  apiUrl: httpUrl.nullable().optional(),
  defaultCountry: country.nullable().optional(),
  defaultCurrency: currency.nullable().optional(),
  confirm: z.enum(STORE_CONFIRM_MODES).optional(),
  writeBack: writeBackOptionsInput.optional(),
});

export type CreateStoreInput = z.output<typeof createStoreInput>;
export type UpdateStoreInput = z.output<typeof updateStoreInput>;
