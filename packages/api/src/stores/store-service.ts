import { stores, type Executor, type Store } from "@confirma/db";
import { newWebhookSecret, STORE_ADAPTERS, type StoreConnection, type WriteBackOptions } from "@confirma/stores";
import { asc, eq, sql } from "drizzle-orm";
import { randomBytes } from "node:crypto";
import type { Actor } from "../actor.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Services } from "../context.ts";
import { DomainError } from "../errors/domain-error.ts";
import { currencyDigits } from "../money/money.ts";
import type { CreateStoreInput, UpdateStoreInput } from "./store-schemas.ts";

/** Where a store's platform posts its orders, under the server's public base URL. */
export function storeWebhookPath(storeId: string): string {
  return `/api/webhook/stores/${storeId}`;
}

/** A store as the API shows it: everything but its secrets, which are only said to be set. */
export interface StoreView {
  id: string;
  platform: Store["platform"];
  name: string;
  shopDomain: string | null;
  siteUrl: string | null;
  storeId: string | null;
  apiUrl: string | null;
  defaultCountry: string | null;
  defaultCurrency: string | null;
  confirm: Store["confirm"];
  writeBack: WriteBackOptions;
  /** Absolute: what to paste on the platform as the webhook's address. */
  webhookUrl: string;
  /** What to set up on the platform (topics, format), in one line. */
  setup: string;
  /** Which secrets are stored (never their values). */
  credentials: { webhookSecret: true; accessToken: boolean; consumerKey: boolean; consumerSecret: boolean };
  health: { lastOrderAt: string | null; lastWriteBackAt: string | null; lastWriteBackError: string | null; lastWriteBackErrorAt: string | null };
  createdAt: string;
  updatedAt: string;
}

/** The 201 answer of a new store: its view, plus the webhook secret when Confirma generated it (shown this once). */
export type CreatedStoreView = StoreView & { webhookSecret?: string };

export function toStoreView(store: Store, baseUrl: string): StoreView {
  return {
    id: store.id,
    platform: store.platform,
    name: store.name,
    shopDomain: store.shopDomain,
    siteUrl: store.siteUrl,
    storeId: store.platformStoreId,
    apiUrl: store.apiUrl,
    defaultCountry: store.defaultCountry,
    defaultCurrency: store.defaultCurrency,
    confirm: store.confirm,
    writeBack: store.writeBack as WriteBackOptions,
    // Relative to the base, so a PUBLIC_URL with a path (https://example.com/confirma/) keeps it.
    webhookUrl: new URL(storeWebhookPath(store.id).slice(1), baseUrl).toString(),
    setup: STORE_ADAPTERS[store.platform].setupHint,
    credentials: {
      webhookSecret: true,
      accessToken: store.accessToken !== null,
      consumerKey: store.consumerKey !== null,
      consumerSecret: store.consumerSecret !== null,
    },
    health: {
      lastOrderAt: store.lastOrderAt?.toISOString() ?? null,
      lastWriteBackAt: store.lastWriteBackAt?.toISOString() ?? null,
      lastWriteBackError: store.lastWriteBackError,
      lastWriteBackErrorAt: store.lastWriteBackErrorAt?.toISOString() ?? null,
    },
    createdAt: store.createdAt.toISOString(),
    updatedAt: store.updatedAt.toISOString(),
  };
}

/** What an adapter needs of a store row. */
export function toStoreConnection(store: Store): StoreConnection {
  return {
    id: store.id,
    platform: store.platform,
    name: store.name,
    shopDomain: store.shopDomain,
    siteUrl: store.siteUrl,
    platformStoreId: store.platformStoreId,
    webhookSecret: store.webhookSecret,
    accessToken: store.accessToken,
    consumerKey: store.consumerKey,
    consumerSecret: store.consumerSecret,
    apiUrl: store.apiUrl,
    writeBack: store.writeBack as WriteBackOptions,
  };
}

/** The given options over the current ones; a `null` (a dropped status map) removes the option, so the platform's default applies. */
function mergeWriteBack(current: WriteBackOptions, given: UpdateStoreInput["writeBack"]): WriteBackOptions {
  const merged: Record<string, unknown> = { ...current, ...given };
  for (const [key, value] of Object.entries(merged)) if (value === null || value === undefined) delete merged[key];
  return merged as WriteBackOptions;
}

/** The platform ids each platform cannot do without. */
function assertPlatformFields(store: Pick<Store, "platform" | "shopDomain" | "siteUrl">): void {
  if (store.platform === "shopify" && !store.shopDomain)
    throw new DomainError("missing_field", "shopDomain is required for a Shopify store (my-shop.myshopify.com)");
  if (store.platform === "woocommerce" && !store.siteUrl)
    throw new DomainError("missing_field", "siteUrl is required for a WooCommerce store (https://my-shop.com)");
}

/** Secrets we can generate: the merchant pastes them on the platform (WooCommerce and custom let them choose). */
function generatedSecret(platform: Store["platform"]): string | null {
  if (platform === "custom") return newWebhookSecret();
  if (platform === "woocommerce") return randomBytes(24).toString("base64url");
  return null;
}

export async function createStore(services: Services, input: CreateStoreInput, actor: Actor, baseUrl: string): Promise<CreatedStoreView> {
  if (input.defaultCurrency) currencyDigits(input.defaultCurrency);
  const generated = input.webhookSecret ? null : generatedSecret(input.platform);
  const webhookSecret = input.webhookSecret ?? generated;
  if (!webhookSecret) throw new DomainError("missing_field", `webhookSecret is required for a ${input.platform} store (the secret that signs its webhooks)`);
  const values = {
    platform: input.platform,
    name: input.name,
    shopDomain: input.shopDomain ?? null,
    siteUrl: input.siteUrl ?? null,
    platformStoreId: input.storeId ?? null,
    webhookSecret,
    accessToken: input.accessToken ?? null,
    consumerKey: input.consumerKey ?? null,
    consumerSecret: input.consumerSecret ?? null,
    apiUrl: input.apiUrl ?? null,
    defaultCountry: input.defaultCountry ?? null,
    defaultCurrency: input.defaultCurrency ?? null,
    confirm: input.confirm ?? "cod",
    writeBack: mergeWriteBack({}, input.writeBack),
  };
  assertPlatformFields(values);
  return services.db.transaction(async (tx) => {
    const [store] = await tx.insert(stores).values(values).returning();
    if (!store) throw new Error("insert returned no store");
    await recordAudit(tx, actor, "store.created", store.id, { platform: store.platform, name: store.name });
    const view = toStoreView(store, baseUrl);
    return generated ? { ...view, webhookSecret: generated } : view;
  });
}

export async function listStores({ db }: Services, baseUrl: string): Promise<StoreView[]> {
  const rows = await db.select().from(stores).orderBy(asc(stores.createdAt), asc(stores.id));
  return rows.map((row) => toStoreView(row, baseUrl));
}

export async function findStore(tx: Executor, id: string): Promise<Store> {
  const [store] = await tx.select().from(stores).where(eq(stores.id, id));
  if (!store) throw new DomainError("not_found", `no store \`${id}\``);
  return store;
}

export async function getStore({ db }: Services, id: string, baseUrl: string): Promise<StoreView> {
  return toStoreView(await findStore(db, id), baseUrl);
}

export async function updateStore({ db }: Services, id: string, input: UpdateStoreInput, actor: Actor, baseUrl: string): Promise<StoreView> {
  if (input.defaultCurrency) currencyDigits(input.defaultCurrency);
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(stores).where(eq(stores.id, id)).for("update");
    if (!current) throw new DomainError("not_found", `no store \`${id}\``);
    const { storeId, writeBack, ...rest } = input;
    const changes = {
      ...rest,
      ...(storeId === undefined ? {} : { platformStoreId: storeId }),
      ...(writeBack === undefined ? {} : { writeBack: mergeWriteBack(current.writeBack as WriteBackOptions, writeBack) }),
    };
    assertPlatformFields({ ...current, ...changes });
    const [store] = await tx
      .update(stores)
      .set({ ...changes, updatedAt: sql`now()` })
      .where(eq(stores.id, id))
      .returning();
    // Names of what changed only: secrets never enter the audit trail.
    await recordAudit(tx, actor, "store.updated", id, { fields: Object.keys(input).sort() });
    return toStoreView(store!, baseUrl);
  });
}

/** Disconnects a store: its orders stay, without their store. */
export async function deleteStore({ db }: Services, id: string, actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    const [store] = await tx.delete(stores).where(eq(stores.id, id)).returning({ id: stores.id, name: stores.name });
    if (!store) throw new DomainError("not_found", `no store \`${id}\``);
    await recordAudit(tx, actor, "store.deleted", id, { name: store.name });
  });
}
