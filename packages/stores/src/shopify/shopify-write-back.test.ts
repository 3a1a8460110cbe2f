import { describe, expect, test } from "bun:test";
import type { StoreConnection, StoreFetch, WriteBackChange } from "../types.ts";
import { SHOPIFY_API_VERSION } from "./shopify-admin-api.ts";
import { noteLine, shopifyWriteBack } from "./shopify-write-back.ts";

// The requests the write-back sends, as Shopify's GraphQL Admin API receives them. The answers are
// Shopify's shapes (data, errors with extensions.code, extensions.cost); the HTTP test against a
// fake server is apps/server/src/stores-shopify.test.ts.

const store: StoreConnection = {
  id: "store-1",
  platform: "shopify",
  name: "Atlas",
  shopDomain: "atlas-shop.myshopify.com",
  siteUrl: null,
  platformStoreId: null,
  webhookSecret: "signing-key",
  accessToken: "shpat_0123456789abcdef",
  consumerKey: null,
  consumerSecret: null,
  apiUrl: null,
  writeBack: {},
};

const change = (overrides: Partial<WriteBackChange> = {}): WriteBackChange => ({
  changeId: "0190c0de-0000-7000-8000-000000000001",
  orderId: "0190c0de-0000-7000-8000-0000000000aa",
  externalId: "5678901234567",
  externalNumber: "#1001",
  from: "pending",
  to: "confirmed",
  reason: "reply:word:fr:oui",
  actor: "message",
  at: new Date("2026-11-29T09:02:41Z"),
  ...overrides,
});

const cost = (requested = 10, available = 1990) => ({
  cost: {
    requestedQueryCost: requested,
    actualQueryCost: requested,
    throttleStatus: { maximumAvailable: 2000, currentlyAvailable: available, restoreRate: 100 },
  },
});
const orderData = (order: Record<string, unknown> | null) => ({
  data: {
    order: order && { id: "gid://shopify/Order/5678901234567", note: null, tags: [], cancelledAt: null, ...order },
    shop: { ianaTimezone: "Africa/Casablanca" },
  },
  extensions: cost(2),
});
const mutationOk = (fields: string[]) => ({
  data: Object.fromEntries(
    fields.map((field) => [field, field === "orderCancel" ? { job: { id: "gid://shopify/Job/1" }, orderCancelUserErrors: [] } : { userErrors: [] }]),
  ),
  extensions: cost(),
});

interface Sent {
  url: string;
  headers: Record<string, string>;
  // biome-ignore lint/suspicious/noExplicitAny: a request body as the test reads it
  body: any;
}

/** A fetch that answers from a queue, in order, and keeps what was sent. */
type Answer = Record<string, unknown> | HttpAnswer;
interface HttpAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}
const isHttpAnswer = (answer: Answer): answer is HttpAnswer => typeof answer.status === "number";

function shop(...answers: Answer[]) {
  const sent: Sent[] = [];
  const fetch: StoreFetch = async (url, init) => {
    const text = String(init.body);
    sent.push({ url, headers: Object.fromEntries(new Headers(init.headers).entries()), body: url.endsWith("graphql.json") ? JSON.parse(text) : text });
    const answer = answers.shift();
    if (!answer) throw new Error(`unexpected request to ${url}`);
    if (isHttpAnswer(answer))
      return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { "content-type": "application/json", ...answer.headers } });
    return Response.json(answer);
  };
  return { fetch, sent };
}

describe("what is sent to Shopify", () => {
  test("a confirmation: the order is read, then one mutation adds the tag and appends the note line", async () => {
    const { fetch, sent } = shop(orderData({ note: "Livrer après 18h", tags: ["vip"] }), mutationOk(["tagsAdd", "orderUpdate"]));
    const result = await shopifyWriteBack(change(), { store, fetch });
    expect(result).toEqual({ status: "done", detail: "tagged confirma-confirmed, note added" });
    expect(sent.map((request) => request.url)).toEqual([
      `https://atlas-shop.myshopify.com/admin/api/${SHOPIFY_API_VERSION}/graphql.json`,
      `https://atlas-shop.myshopify.com/admin/api/${SHOPIFY_API_VERSION}/graphql.json`,
    ]);
    expect(sent[0]!.headers).toMatchObject({ "x-shopify-access-token": "shpat_0123456789abcdef", "content-type": "application/json" });
    expect(sent[0]!.body.query).toContain("order(id: $id) { id note tags cancelledAt }");
    expect(sent[0]!.body.variables).toEqual({ id: "gid://shopify/Order/5678901234567" });
    const mutation = sent[1]!.body;
    expect(mutation.query).toContain("tagsAdd(id: $id, tags: $addTags)");
    expect(mutation.query).toContain("orderUpdate(input: $input)");
    expect(mutation.query).not.toContain("tagsRemove");
    expect(mutation.query).not.toContain("orderCancel");
    expect(mutation.variables).toEqual({
      id: "gid://shopify/Order/5678901234567",
      addTags: ["confirma-confirmed"],
      // The shop's time zone (Casablanca, UTC+1 in November): 09:02 UTC is 10:02 there.
      input: { id: "gid://shopify/Order/5678901234567", note: "Livrer après 18h\nConfirma: confirmé par le client sur WhatsApp (2026-11-29 10:02)" },
    });
  });

  test("run again on an order that already has the tag and the line, nothing is written", async () => {
    const line = "Confirma: confirmé par le client sur WhatsApp (2026-11-29 10:02)";
    const { fetch, sent } = shop(orderData({ note: `Livrer après 18h\n${line}`, tags: ["confirma-confirmed"] }));
    expect(await shopifyWriteBack(change(), { store, fetch })).toEqual({ status: "done", detail: "already up to date in Shopify" });
    expect(sent).toHaveLength(1);
  });

  test("a reverse move adds its own tag and removes the Confirma tags it replaces, never the merchant's", async () => {
    const { fetch, sent } = shop(
      orderData({ tags: ["confirma-confirmed", "vip", "confirma-no-answer"] }),
      mutationOk(["tagsAdd", "tagsRemove", "orderUpdate"]),
    );
    const result = await shopifyWriteBack(change({ from: "confirmed", to: "pending", actor: "user", reason: "manual" }), { store, fetch });
    expect(result.status).toBe("done");
    expect(sent[1]!.body.variables).toMatchObject({
      addTags: ["confirma-pending"],
      removeTags: ["confirma-confirmed", "confirma-no-answer"],
      input: { note: "Confirma: remis en attente par un agent (2026-11-29 10:02)" },
    });
  });

  test("a cancellation tags the order and does not cancel it in Shopify unless the merchant enabled it", async () => {
    const off = shop(orderData({}), mutationOk(["tagsAdd", "orderUpdate"]));
    await shopifyWriteBack(change({ to: "cancelled", reason: "reply:word:fr:non" }), { store, fetch: off.fetch });
    expect(off.sent[1]!.body.query).not.toContain("orderCancel");
    expect(off.sent[1]!.body.variables.addTags).toEqual(["confirma-cancelled"]);

    const on = shop(orderData({}), mutationOk(["tagsAdd", "orderUpdate", "orderCancel"]));
    const result = await shopifyWriteBack(change({ to: "cancelled", reason: "reply:word:fr:non" }), {
      store: { ...store, writeBack: { cancelOrder: true } },
      fetch: on.fetch,
    });
    expect(result).toEqual({
      status: "done",
      detail: "tagged confirma-cancelled, note added, order cancelled in Shopify",
      written: { cancelled: true, at: null },
    });
    expect(on.sent[1]!.body.query).toContain(
      "orderCancel(orderId: $id, reason: $reason, restock: $restock, refundMethod: $refundMethod, notifyCustomer: $notifyCustomer, staffNote: $staffNote)",
    );
    expect(on.sent[1]!.body.variables).toMatchObject({
      reason: "CUSTOMER",
      restock: true,
      refundMethod: { originalPaymentMethodsRefund: false },
      notifyCustomer: false,
      staffNote: "Confirma: annulé par le client sur WhatsApp (2026-11-29 10:02)",
    });
  });

  test("an order already cancelled in Shopify is not cancelled again; an auto-cancel gives the reason OTHER", async () => {
    const cancelled = shop(orderData({ cancelledAt: "2026-11-29T10:00:00Z" }), mutationOk(["tagsAdd", "orderUpdate"]));
    await shopifyWriteBack(change({ to: "cancelled" }), { store: { ...store, writeBack: { cancelOrder: true } }, fetch: cancelled.fetch });
    expect(cancelled.sent[1]!.body.query).not.toContain("orderCancel");
    const auto = shop(orderData({}), mutationOk(["tagsAdd", "orderUpdate", "orderCancel"]));
    await shopifyWriteBack(change({ from: "no_answer", to: "cancelled", actor: "system", reason: "auto_cancel" }), {
      store: { ...store, writeBack: { cancelOrder: true } },
      fetch: auto.fetch,
    });
    expect(auto.sent[1]!.body.variables).toMatchObject({ reason: "OTHER", staffNote: expect.stringContaining("annulé automatiquement") });
  });

  test("the store's options: tags only, note only, nothing at all; statuses Shopify is not told about", async () => {
    const tagsOnly = shop(orderData({}), mutationOk(["tagsAdd"]));
    await shopifyWriteBack(change(), { store: { ...store, writeBack: { note: false } }, fetch: tagsOnly.fetch });
    expect(tagsOnly.sent[1]!.body.query).not.toContain("orderUpdate");
    const noteOnly = shop(orderData({}), mutationOk(["orderUpdate"]));
    await shopifyWriteBack(change(), { store: { ...store, writeBack: { tags: false } }, fetch: noteOnly.fetch });
    expect(noteOnly.sent[1]!.body.query).not.toContain("tagsAdd");
    const none = shop();
    expect((await shopifyWriteBack(change(), { store: { ...store, writeBack: { tags: false, note: false } }, fetch: none.fetch })).status).toBe("skipped");
    expect((await shopifyWriteBack(change({ from: "confirmed", to: "shipped" }), { store, fetch: none.fetch })).status).toBe("skipped");
    expect(none.sent).toHaveLength(0);
  });

  test("apiUrl replaces https://{shopDomain}", async () => {
    const { fetch, sent } = shop(orderData({ tags: ["confirma-confirmed"], note: "Confirma: confirmé par le client sur WhatsApp (2026-11-29 10:02)" }));
    await shopifyWriteBack(change(), { store: { ...store, apiUrl: "http://127.0.0.1:4010/" }, fetch });
    expect(sent[0]!.url).toBe(`http://127.0.0.1:4010/admin/api/${SHOPIFY_API_VERSION}/graphql.json`);
  });
});

describe("what Shopify answers", () => {
  const throttled = {
    errors: [{ message: "Throttled", extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" } }],
    extensions: {
      cost: { requestedQueryCost: 752, actualQueryCost: null, throttleStatus: { maximumAvailable: 1000, currentlyAvailable: 666, restoreRate: 50 } },
    },
  };

  test("THROTTLED is a retry after the time the bucket needs: (752 − 666) / 50 per second", async () => {
    const { fetch } = shop(throttled);
    expect(await shopifyWriteBack(change(), { store, fetch })).toEqual({
      status: "retry",
      error: "Shopify is throttling requests (THROTTLED)",
      retryAfterMs: 1720,
    });
  });

  test("HTTP 429 is a retry after Retry-After; 5xx and a body that is not JSON are retries", async () => {
    const { fetch } = shop({ status: 429, body: { errors: "Exceeded 2 calls per second for api client." }, headers: { "retry-after": "2.0" } });
    expect(await shopifyWriteBack(change(), { store, fetch })).toMatchObject({ status: "retry", retryAfterMs: 2000 });
    expect((await shopifyWriteBack(change(), { store, fetch: shop({ status: 503, body: { errors: "Service Unavailable" } }).fetch })).status).toBe("retry");
    const html: StoreFetch = async () => new Response("<html>maintenance</html>", { status: 200 });
    expect((await shopifyWriteBack(change(), { store, fetch: html })).status).toBe("retry");
  });

  test.each([
    [401, { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" }, "401"],
    [403, { errors: "[API] This action requires merchant approval for write_orders scope." }, "403"],
    [404, { errors: "Not Found" }, "404"],
    [402, { errors: "Unavailable Shop" }, "402"],
  ])("HTTP %d fails for good and says why", async (status, body, mention) => {
    const result = await shopifyWriteBack(change(), { store, fetch: shop({ status, body }).fetch });
    expect(result).toMatchObject({ status: "failed", error: expect.stringContaining(mention) });
    expect(JSON.stringify(result)).not.toContain("shpat_0123456789abcdef");
  });

  test("ACCESS_DENIED, an invalid query, a deleted order and user errors fail for good", async () => {
    const denied = { errors: [{ message: "Access denied for order field.", extensions: { code: "ACCESS_DENIED" } }], data: null };
    expect(await shopifyWriteBack(change(), { store, fetch: shop(denied).fetch })).toMatchObject({
      status: "failed",
      error: expect.stringContaining("scopes"),
    });
    const invalid = { errors: [{ message: "Field 'nope' doesn't exist on type 'Order'", extensions: { code: "undefinedField" } }] };
    expect(await shopifyWriteBack(change(), { store, fetch: shop(invalid).fetch })).toMatchObject({ status: "failed", error: expect.stringContaining("nope") });
    expect(await shopifyWriteBack(change(), { store, fetch: shop(orderData(null)).fetch })).toMatchObject({
      status: "failed",
      error: "order #1001 is not in the Shopify store (deleted?)",
    });
    const refused = {
      data: { tagsAdd: { userErrors: [] }, orderUpdate: { order: null, userErrors: [{ field: ["note"], message: "Note is too long" }] } },
      extensions: cost(),
    };
    expect(await shopifyWriteBack(change(), { store, fetch: shop(orderData({}), refused).fetch })).toEqual({
      status: "failed",
      error: "Shopify refused the write-back: orderUpdate: Note is too long",
    });
  });

  test("no credentials or no shop domain fail before any request", async () => {
    const none = shop();
    expect(await shopifyWriteBack(change(), { store: { ...store, accessToken: null }, fetch: none.fetch })).toMatchObject({ status: "failed" });
    expect(await shopifyWriteBack(change(), { store: { ...store, shopDomain: null }, fetch: none.fetch })).toMatchObject({ status: "failed" });
    expect(none.sent).toHaveLength(0);
  });
});

describe("an app from the Dev Dashboard (client credentials)", () => {
  const appStore: StoreConnection = {
    ...store,
    id: "store-app",
    accessToken: null,
    consumerKey: "c0ffee00c0ffee00c0ffee00c0ffee00",
    consumerSecret: "shpss_app_secret",
  };
  const token = (value: string) => ({ access_token: value, scope: "read_orders,write_orders", expires_in: 86399 });
  const upToDate = orderData({ tags: ["confirma-confirmed"], note: "Confirma: confirmé par le client sur WhatsApp (2026-11-29 10:02)" });

  test("a token is asked for with the client ID and secret, then kept for the next write-backs", async () => {
    const { fetch, sent } = shop(token("shpat_granted_1"), upToDate, upToDate);
    await shopifyWriteBack(change(), { store: appStore, fetch });
    await shopifyWriteBack(change(), { store: appStore, fetch });
    expect(sent.map((request) => request.url.replace("https://atlas-shop.myshopify.com", ""))).toEqual([
      "/admin/oauth/access_token",
      `/admin/api/${SHOPIFY_API_VERSION}/graphql.json`,
      `/admin/api/${SHOPIFY_API_VERSION}/graphql.json`,
    ]);
    expect(sent[0]!.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(Object.fromEntries(new URLSearchParams(sent[0]!.body))).toEqual({
      grant_type: "client_credentials",
      client_id: "c0ffee00c0ffee00c0ffee00c0ffee00",
      client_secret: "shpss_app_secret",
    });
    expect(sent[1]!.headers["x-shopify-access-token"]).toBe("shpat_granted_1");
    expect(sent[2]!.headers["x-shopify-access-token"]).toBe("shpat_granted_1");
  });

  test("a token Shopify stops accepting is replaced once; refused credentials fail and say what to check", async () => {
    const revoked = { ...appStore, id: "store-app-2" };
    const { fetch, sent } = shop(token("shpat_old"), { status: 401, body: { errors: "[API] Invalid API key or access token" } }, token("shpat_new"), upToDate);
    expect((await shopifyWriteBack(change(), { store: revoked, fetch })).status).toBe("done");
    expect(sent.map((request) => request.headers["x-shopify-access-token"] ?? "token request")).toEqual([
      "token request",
      "shpat_old",
      "token request",
      "shpat_new",
    ]);

    const wrong = shop({ status: 400, body: { error: "invalid_client", error_description: "Client authentication failed" } });
    expect(await shopifyWriteBack(change(), { store: { ...appStore, id: "store-app-3" }, fetch: wrong.fetch })).toMatchObject({
      status: "failed",
      error: expect.stringContaining("Client authentication failed"),
    });
  });

  test("without a separate client secret, the webhook secret is the app's client secret", async () => {
    const { fetch, sent } = shop(token("shpat_granted_2"), upToDate);
    await shopifyWriteBack(change(), { store: { ...appStore, id: "store-app-4", consumerSecret: null, webhookSecret: "shpss_client_secret" }, fetch });
    expect(new URLSearchParams(sent[0]!.body).get("client_secret")).toBe("shpss_client_secret");
  });
});

describe("the note line", () => {
  test.each([
    [{ to: "confirmed", actor: "message", reason: "reply:word:fr:oui" }, "confirmé par le client sur WhatsApp"],
    [{ to: "confirmed", actor: "user", reason: "manual" }, "confirmé par un agent"],
    [{ to: "confirmed", actor: "api_key", reason: "manual" }, "confirmé via l'API"],
    [{ to: "cancelled", actor: "message", reason: "button" }, "annulé par le client sur WhatsApp"],
    [{ to: "cancelled", actor: "system", reason: "auto_cancel" }, "annulé automatiquement, sans réponse du client"],
    [{ to: "no_answer", actor: "system", reason: "timeout" }, "sans réponse du client"],
    [{ to: "no_answer", actor: "user", reason: "no_answer" }, "sans réponse du client à l'appel"],
    [{ to: "pending", actor: "user", reason: "manual" }, "remis en attente par un agent"],
  ] as const)("%o → %s", (what, words) => {
    expect(noteLine({ ...what, at: new Date("2026-11-29T09:02:41Z") }, "UTC")).toBe(`Confirma: ${words} (2026-11-29 09:02)`);
  });

  test("in the shop's time zone, UTC when Shopify gives none it knows", () => {
    const at = new Date("2026-11-29T23:30:00Z");
    expect(noteLine({ to: "confirmed", actor: "message", reason: "", at }, "Africa/Casablanca")).toBe(
      "Confirma: confirmé par le client sur WhatsApp (2026-11-30 00:30)",
    );
    expect(noteLine({ to: "confirmed", actor: "message", reason: "", at }, "Not/AZone")).toBe(
      "Confirma: confirmé par le client sur WhatsApp (2026-11-29 23:30)",
    );
  });
});
