import { describe, expect, test } from "bun:test";
import type { Store } from "../api/types.ts";
import { en } from "../i18n/en.ts";
import { fr, type MessageKey } from "../i18n/fr.ts";
import { checkDraft, createInput, draftFromStore, emptyDraft, PLATFORM_FORMS, PLATFORMS, updateChanges, type StoreDraft } from "./store-form.ts";

function draft(
  overrides: Omit<Partial<StoreDraft>, "ids" | "secrets"> & { ids?: Partial<StoreDraft["ids"]>; secrets?: Partial<StoreDraft["secrets"]> } = {},
): StoreDraft {
  const base = emptyDraft(overrides.platform ?? "shopify");
  return { ...base, ...overrides, ids: { ...base.ids, ...overrides.ids }, secrets: { ...base.secrets, ...overrides.secrets } };
}

const store: Store = {
  id: "s1",
  platform: "woocommerce",
  name: "Atlas",
  shopDomain: null,
  siteUrl: "https://atlas.example.com",
  storeId: null,
  apiUrl: null,
  defaultCountry: "MA",
  defaultCurrency: null,
  confirm: "cod",
  writeBack: {},
  webhookUrl: "https://confirma.example.com/api/webhook/stores/s1",
  setup: "",
  credentials: { webhookSecret: true, accessToken: false, consumerKey: true, consumerSecret: true },
  health: { lastOrderAt: null, lastWriteBackAt: null, lastWriteBackError: null, lastWriteBackErrorAt: null },
  createdAt: "2026-11-29T10:00:00.000Z",
  updatedAt: "2026-11-29T10:00:00.000Z",
};

describe("checking the form", () => {
  test("each platform asks for its own id and the secrets it cannot do without", () => {
    expect(checkDraft(draft({ platform: "shopify" }), "create")).toEqual([
      { field: "name", problem: "required" },
      { field: "shopDomain", problem: "required" },
      { field: "webhookSecret", problem: "required" },
    ]);
    expect(checkDraft(draft({ platform: "woocommerce", name: "W", ids: { siteUrl: "atlas.example.com" } }), "create")).toEqual([
      { field: "siteUrl", problem: "url" },
    ]);
    expect(checkDraft(draft({ platform: "youcan", name: "Y", ids: { storeId: "abc" }, secrets: { webhookSecret: "s" } }), "create")).toEqual([]);
    // Custom and WooCommerce secrets are generated when left empty.
    expect(checkDraft(draft({ platform: "custom", name: "C" }), "create")).toEqual([]);
  });

  test("an edit does not ask for secrets again; country, currency and API URL are checked when given", () => {
    expect(checkDraft(draft({ name: "S", ids: { shopDomain: "atlas.myshopify.com" } }), "edit")).toEqual([]);
    expect(
      checkDraft(draft({ platform: "custom", name: "C", defaultCountry: "MAR", defaultCurrency: "DH", apiUrl: "ftp://x" }), "create").map(
        (error) => error.field,
      ),
    ).toEqual(["apiUrl", "defaultCountry", "defaultCurrency"]);
  });
});

describe("what is sent", () => {
  test("create: the platform's fields only, trimmed, codes upper-cased, empty ones left out, write-back options of the platform", () => {
    const input = createInput(
      draft({
        platform: "shopify",
        name: " Atlas ",
        ids: { shopDomain: "atlas.myshopify.com", siteUrl: "ignored" },
        secrets: { webhookSecret: " shpss_1 ", accessToken: "shpat_2", consumerKey: "" },
        defaultCountry: "ma",
        defaultCurrency: "mad",
        confirm: "all",
        cancelOrder: true,
      }),
    );
    expect(input).toEqual({
      platform: "shopify",
      name: "Atlas",
      shopDomain: "atlas.myshopify.com",
      webhookSecret: "shpss_1",
      accessToken: "shpat_2",
      defaultCountry: "MA",
      defaultCurrency: "MAD",
      confirm: "all",
      writeBack: { tags: true, note: true, cancelOrder: true },
    });
  });

  test("create: a custom store sends no secret (one is generated) and no write-back; WooCommerce's own status map when chosen", () => {
    expect(createInput(draft({ platform: "custom", name: "C" }))).toEqual({ platform: "custom", name: "C", confirm: "cod" });
    const woo = createInput(
      draft({
        platform: "woocommerce",
        name: "W",
        ids: { siteUrl: "https://w.example.com" },
        ownStatusMap: true,
        statusMap: { confirmed: "wc-confirmed", cancelled: "cancelled", no_answer: " ", pending: "" },
      }),
    );
    expect(woo.writeBack).toEqual({ note: true, statusMap: { confirmed: "wc-confirmed", cancelled: "cancelled" } });
    expect(createInput(draft({ platform: "woocommerce", name: "W", ids: { siteUrl: "https://w.example.com" } })).writeBack).toEqual({ note: true });
  });

  test("edit: nothing typed, nothing sent; a typed secret replaces; an emptied field is cleared; options compared with their defaults", () => {
    expect(updateChanges(draftFromStore(store), store)).toBeNull();
    const edited = { ...draftFromStore(store), defaultCountry: "", secrets: { ...draftFromStore(store).secrets, consumerSecret: "cs_new" }, note: false };
    expect(updateChanges(edited, store)).toEqual({ consumerSecret: "cs_new", defaultCountry: null, writeBack: { note: false } });
  });

  test("edit: a store's own status map is read back, and dropping it sends null (the platform's default again)", () => {
    const withMap: Store = { ...store, writeBack: { statusMap: { confirmed: "wc-confirmed" } } };
    const form = draftFromStore(withMap);
    expect(form.ownStatusMap).toBe(true);
    expect(form.statusMap.confirmed).toBe("wc-confirmed");
    expect(updateChanges(form, withMap)).toBeNull();
    expect(updateChanges({ ...form, ownStatusMap: false }, withMap)).toEqual({ writeBack: { statusMap: null } });
  });
});

test("every platform's secrets and write-back texts have words in both languages", () => {
  for (const platform of PLATFORMS) {
    const keys = PLATFORM_FORMS[platform].secrets.flatMap(({ field }) => [`stores.secret.${platform}.${field}`, `stores.secret.${platform}.${field}.help`]);
    if (PLATFORM_FORMS[platform].writeBack.length > 0) keys.push(`stores.writeBack.${platform}`);
    if (PLATFORM_FORMS[platform].writeBack.includes("statusMap")) keys.push(`stores.writeBack.defaultMap.${platform}`);
    for (const key of keys) {
      expect(fr[key as MessageKey]).toBeString();
      expect(en[key as MessageKey]).toBeString();
    }
  }
});
