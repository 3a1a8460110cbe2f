import type { CreateStoreInput, Store, StoreConfirmMode, StorePlatform, UpdateStoreChanges } from "../api/types.ts";

/** The platform's own id of the store: Shopify's shop domain, WooCommerce's site URL, YouCan's store id. */
export type IdField = "shopDomain" | "siteUrl" | "storeId";
export type SecretField = "webhookSecret" | "accessToken" | "consumerKey" | "consumerSecret";
export type WriteBackOption = "tags" | "note" | "cancelOrder" | "statusMap";
/** The Confirma statuses a store's status map names (`WriteBackStatus` of @confirma/stores). */
export const MAPPED_STATUSES = ["confirmed", "cancelled", "no_answer", "pending"] as const;
export type MappedStatus = (typeof MAPPED_STATUSES)[number];

export interface SecretSpec {
  field: SecretField;
  /** Needed to create the store (the server refuses it without). */
  required: boolean;
  /** Left empty, Confirma generates it and shows it once. */
  generated?: boolean;
}

/** What the form asks for each platform: its id, its secrets (in the order its screens show them), what can be written back. */
export interface PlatformForm {
  id: IdField | null;
  secrets: SecretSpec[];
  writeBack: WriteBackOption[];
}

export const PLATFORM_FORMS: Record<StorePlatform, PlatformForm> = {
  shopify: {
    id: "shopDomain",
    // As the README's steps go: the Dev Dashboard app's client ID and secret, the webhooks' signing
    // key (the client secret until Shopify shows it), or an older custom app's access token.
    secrets: [
      { field: "consumerKey", required: false },
      { field: "consumerSecret", required: false },
      { field: "webhookSecret", required: true },
      { field: "accessToken", required: false },
    ],
    writeBack: ["tags", "note", "cancelOrder"],
  },
  woocommerce: {
    id: "siteUrl",
    secrets: [
      { field: "consumerKey", required: false },
      { field: "consumerSecret", required: false },
      { field: "webhookSecret", required: false, generated: true },
    ],
    writeBack: ["note", "statusMap"],
  },
  youcan: {
    id: "storeId",
    secrets: [
      { field: "webhookSecret", required: true },
      { field: "accessToken", required: false },
    ],
    writeBack: ["statusMap"],
  },
  custom: { id: null, secrets: [{ field: "webhookSecret", required: false, generated: true }], writeBack: [] },
};

export const PLATFORMS = Object.keys(PLATFORM_FORMS) as StorePlatform[];
export const CONFIRM_MODES: readonly StoreConfirmMode[] = ["cod", "all", "none"];

/** The form as typed: text everywhere, secrets empty unless typed (they are never read back). */
export interface StoreDraft {
  platform: StorePlatform;
  name: string;
  ids: Record<IdField, string>;
  secrets: Record<SecretField, string>;
  apiUrl: string;
  defaultCountry: string;
  defaultCurrency: string;
  confirm: StoreConfirmMode;
  tags: boolean;
  note: boolean;
  cancelOrder: boolean;
  /** Off: the platform's default status map; on: `statusMap` below, an empty status left unchanged. */
  ownStatusMap: boolean;
  statusMap: Record<MappedStatus, string>;
}

const noSecrets = (): Record<SecretField, string> => ({ webhookSecret: "", accessToken: "", consumerKey: "", consumerSecret: "" });
const emptyMap = (): Record<MappedStatus, string> => ({ confirmed: "", cancelled: "", no_answer: "", pending: "" });

export function emptyDraft(platform: StorePlatform = "shopify"): StoreDraft {
  return {
    platform,
    name: "",
    ids: { shopDomain: "", siteUrl: "", storeId: "" },
    secrets: noSecrets(),
    apiUrl: "",
    defaultCountry: "",
    defaultCurrency: "",
    confirm: "cod",
    // The platform adapters' defaults: tags and note on, cancelling the store order off (it cannot be undone).
    tags: true,
    note: true,
    cancelOrder: false,
    ownStatusMap: false,
    statusMap: emptyMap(),
  };
}

/** The form for editing a store: what it has, secrets left empty (typing one replaces it). */
export function draftFromStore(store: Store): StoreDraft {
  const map = store.writeBack.statusMap;
  return {
    platform: store.platform,
    name: store.name,
    ids: { shopDomain: store.shopDomain ?? "", siteUrl: store.siteUrl ?? "", storeId: store.storeId ?? "" },
    secrets: noSecrets(),
    apiUrl: store.apiUrl ?? "",
    defaultCountry: store.defaultCountry ?? "",
    defaultCurrency: store.defaultCurrency ?? "",
    confirm: store.confirm,
    tags: store.writeBack.tags ?? true,
    note: store.writeBack.note ?? true,
    cancelOrder: store.writeBack.cancelOrder ?? false,
    ownStatusMap: map !== undefined && map !== null,
    statusMap: { ...emptyMap(), ...(map ?? {}) },
  };
}

export type DraftField = "name" | IdField | SecretField | "apiUrl" | "defaultCountry" | "defaultCurrency";
export type DraftProblem = "required" | "url" | "country" | "currency";
export interface DraftError {
  field: DraftField;
  problem: DraftProblem;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}

/** What stops the form from being sent, field by field, in the form's order. */
export function checkDraft(draft: StoreDraft, mode: "create" | "edit"): DraftError[] {
  const form = PLATFORM_FORMS[draft.platform];
  const errors: DraftError[] = [];
  if (!draft.name.trim()) errors.push({ field: "name", problem: "required" });
  if (form.id) {
    const value = draft.ids[form.id].trim();
    if (!value) errors.push({ field: form.id, problem: "required" });
    else if (form.id === "siteUrl" && !isHttpUrl(value)) errors.push({ field: form.id, problem: "url" });
  }
  if (mode === "create") {
    for (const secret of form.secrets) if (secret.required && !draft.secrets[secret.field].trim()) errors.push({ field: secret.field, problem: "required" });
  }
  if (draft.apiUrl.trim() && !isHttpUrl(draft.apiUrl.trim())) errors.push({ field: "apiUrl", problem: "url" });
  if (draft.defaultCountry.trim() && !/^[A-Za-z]{2}$/.test(draft.defaultCountry.trim())) errors.push({ field: "defaultCountry", problem: "country" });
  if (draft.defaultCurrency.trim() && !/^[A-Za-z]{3}$/.test(draft.defaultCurrency.trim())) errors.push({ field: "defaultCurrency", problem: "currency" });
  return errors;
}

type WriteBackInput = NonNullable<UpdateStoreChanges["writeBack"]>;

/** The write-back options this platform has, as the server takes them (`statusMap: null`: the platform's default map). */
function writeBackOf(draft: StoreDraft): WriteBackInput {
  const options: WriteBackInput = {};
  for (const option of PLATFORM_FORMS[draft.platform].writeBack) {
    if (option === "statusMap") {
      options.statusMap = draft.ownStatusMap
        ? Object.fromEntries(MAPPED_STATUSES.flatMap((status) => (draft.statusMap[status].trim() ? [[status, draft.statusMap[status].trim()]] : [])))
        : null;
    } else options[option] = draft[option];
  }
  return options;
}

/** `stores.create`'s input: the platform's fields only, empty ones left out (the server then generates or defaults). */
export function createInput(draft: StoreDraft): CreateStoreInput {
  const form = PLATFORM_FORMS[draft.platform];
  const input: CreateStoreInput = { platform: draft.platform, name: draft.name.trim(), confirm: draft.confirm };
  if (form.id) input[form.id] = draft.ids[form.id].trim();
  for (const { field } of form.secrets) if (draft.secrets[field].trim()) input[field] = draft.secrets[field].trim();
  if (draft.apiUrl.trim()) input.apiUrl = draft.apiUrl.trim();
  if (draft.defaultCountry.trim()) input.defaultCountry = draft.defaultCountry.trim().toUpperCase();
  if (draft.defaultCurrency.trim()) input.defaultCurrency = draft.defaultCurrency.trim().toUpperCase();
  const writeBack = writeBackOf(draft);
  if (writeBack.statusMap === null) delete writeBack.statusMap;
  if (Object.keys(writeBack).length > 0) input.writeBack = writeBack;
  return input;
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * `stores.update`'s changes: only what differs from the store (an emptied optional field is
 * cleared with null), a secret only when one was typed (it replaces the stored one). Null when
 * nothing changed.
 */
export function updateChanges(draft: StoreDraft, store: Store): UpdateStoreChanges | null {
  const form = PLATFORM_FORMS[store.platform];
  const changes: UpdateStoreChanges = {};
  const text = (value: string) => value.trim() || null;
  if (draft.name.trim() !== store.name) changes.name = draft.name.trim();
  if (form.id && text(draft.ids[form.id]) !== store[form.id]) changes[form.id] = text(draft.ids[form.id]);
  for (const { field } of form.secrets) if (draft.secrets[field].trim()) changes[field] = draft.secrets[field].trim();
  if (text(draft.apiUrl) !== store.apiUrl) changes.apiUrl = text(draft.apiUrl);
  const country = text(draft.defaultCountry)?.toUpperCase() ?? null;
  if (country !== store.defaultCountry) changes.defaultCountry = country;
  const currency = text(draft.defaultCurrency)?.toUpperCase() ?? null;
  if (currency !== store.defaultCurrency) changes.defaultCurrency = currency;
  if (draft.confirm !== store.confirm) changes.confirm = draft.confirm;
  const writeBack = writeBackOf(draft);
  const current = store.writeBack as Record<string, unknown>;
  const changed = Object.fromEntries(
    Object.entries(writeBack).filter(([key, value]) => {
      if (key === "statusMap") return !sameJson(value ?? null, current.statusMap ?? null);
      const defaultValue = key !== "cancelOrder";
      return value !== (current[key] ?? defaultValue);
    }),
  );
  if (Object.keys(changed).length > 0) changes.writeBack = changed;
  return Object.keys(changes).length > 0 ? changes : null;
}
