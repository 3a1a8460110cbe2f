import { describe, expect, test } from "bun:test";
import type { StoreConnection, StoreFetch, WriteBackChange, WriteBackOptions } from "../types.ts";
import { woocommerceAdapter } from "./woocommerce-adapter.ts";
import { noteMarker } from "./woocommerce-write-back.ts";

const writeBack = woocommerceAdapter.writeBack!;

function storeWith(overrides: Partial<StoreConnection> = {}, writeBackOptions: WriteBackOptions = {}): StoreConnection {
  return {
    id: "store-1",
    platform: "woocommerce",
    name: "Atlas",
    shopDomain: null,
    siteUrl: "https://atlas-shop.ma",
    platformStoreId: null,
    webhookSecret: "s",
    accessToken: null,
    consumerKey: "ck_live",
    consumerSecret: "cs_live",
    apiUrl: null,
    writeBack: writeBackOptions,
    ...overrides,
  };
}

function change(to: WriteBackChange["to"], overrides: Partial<WriteBackChange> = {}): WriteBackChange {
  return {
    changeId: "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
    orderId: "order-1",
    externalId: "727",
    externalNumber: "#727",
    from: "pending",
    to,
    reason: "reply:word:fr:oui",
    actor: "message",
    at: new Date("2026-11-29T10:05:00Z"),
    ...overrides,
  };
}

interface Recorded {
  method: string;
  url: string;
  authorization: string | null;
  body: unknown;
}

/**
 * WooCommerce's REST answers for one order, as a `fetch`: Basic auth checked, `{ code, message,
 * data: { status } }` errors, notes kept. `failNext` answers the next requests with given statuses.
 */
function fakeWooCommerce({ status = "processing", notes = [] as { id: number; note: string; customer_note: boolean }[] } = {}) {
  const requests: Recorded[] = [];
  const failNext: { status: number; body?: unknown; headers?: Record<string, string> }[] = [];
  // `date_modified_gmt` as WooCommerce writes it (GMT, no zone): placed at 10:00:05, changed by the PUT at 10:05:02.
  const order = { id: 727, status, date_modified_gmt: "2026-11-29T10:00:05" };
  const fetch: StoreFetch = async (url, init) => {
    const headers = new Headers(init.headers);
    const body = typeof init.body === "string" ? JSON.parse(init.body) : undefined;
    requests.push({ method: init.method ?? "GET", url, authorization: headers.get("authorization"), body });
    const failure = failNext.shift();
    if (failure) {
      return new Response(typeof failure.body === "string" ? failure.body : JSON.stringify(failure.body ?? {}), {
        status: failure.status,
        headers: failure.headers,
      });
    }
    const json = (value: unknown, code = 200) => Response.json(value, { status: code });
    if (headers.get("authorization") !== `Basic ${btoa("ck_live:cs_live")}`) {
      return json({ code: "woocommerce_rest_authentication_error", message: "Consumer key is invalid.", data: { status: 401 } }, 401);
    }
    const path = new URL(url).pathname;
    if (!/\/wp-json\/wc\/v3\/orders\/727(\/notes)?$/.test(path))
      return json({ code: "woocommerce_rest_shop_order_invalid_id", message: "Invalid ID.", data: { status: 404 } }, 404);
    if (path.endsWith("/notes")) {
      if (init.method === "POST") {
        const note = { id: 280 + notes.length, note: body.note, customer_note: body.customer_note };
        notes.unshift(note);
        return json(note, 201);
      }
      return json(notes);
    }
    if (init.method === "PUT") Object.assign(order, { status: body.status, date_modified_gmt: "2026-11-29T10:05:02" });
    return json(order);
  };
  return { fetch, requests, order, notes, failNext };
}

describe("the requests WooCommerce receives", () => {
  test("confirmed: GET the status, PUT processing, GET the notes, POST one private note; Basic auth with the key on each", async () => {
    const woo = fakeWooCommerce({ status: "on-hold" });
    const result = await writeBack(change("confirmed"), { store: storeWith(), fetch: woo.fetch });
    expect(result).toEqual({
      status: "done",
      detail: "status on-hold → processing, note added",
      written: { cancelled: false, at: "2026-11-29T10:05:02Z" },
    });
    expect(woo.requests.map(({ method, url }) => `${method} ${url}`)).toEqual([
      "GET https://atlas-shop.ma/wp-json/wc/v3/orders/727?_fields=id,status,date_modified_gmt",
      "PUT https://atlas-shop.ma/wp-json/wc/v3/orders/727",
      "GET https://atlas-shop.ma/wp-json/wc/v3/orders/727/notes?type=internal",
      "POST https://atlas-shop.ma/wp-json/wc/v3/orders/727/notes",
    ]);
    expect(woo.requests.every((request) => request.authorization === `Basic ${btoa("ck_live:cs_live")}`)).toBe(true);
    expect(woo.requests[1]!.body).toEqual({ status: "processing" });
    expect(woo.requests[3]!.body).toEqual({
      note: `Confirma: order confirmed by the customer on WhatsApp. ${noteMarker("0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b")}`,
      customer_note: false,
    });
    // Never in the URL: the documented query-string fallback would put the secret in access logs.
    expect(woo.requests.some((request) => request.url.includes("cs_live"))).toBe(false);
  });

  test.each([
    ["cancelled", "processing", "cancelled", "order cancelled by the customer on WhatsApp"],
    ["no_answer", "processing", "on-hold", "no answer from the customer on WhatsApp"],
    ["pending", "processing", "on-hold", "order awaiting confirmation again (was confirmed)"],
  ] as const)("%s: status %s → %s, note says %p", async (to, from, target, words) => {
    const woo = fakeWooCommerce({ status: from });
    const result = await writeBack(change(to, { from: to === "pending" ? "confirmed" : "pending", actor: to === "no_answer" ? "system" : "message" }), {
      store: storeWith(),
      fetch: woo.fetch,
    });
    // What the order is left as, on WooCommerce's clock: how Confirma knows its own cancellation when the store echoes it.
    expect(result).toMatchObject({ status: "done", written: { cancelled: target === "cancelled", at: "2026-11-29T10:05:02Z" } });
    expect(woo.order.status).toBe(target);
    expect(woo.notes[0]!.note).toContain(words);
  });

  test("who changed it is in the note", async () => {
    const woo = fakeWooCommerce();
    await writeBack(change("confirmed", { actor: "user", reason: "manual" }), { store: storeWith(), fetch: woo.fetch });
    expect(woo.notes[0]!.note).toStartWith("Confirma: order confirmed by an agent in Confirma.");
  });

  test("a status already set is not PUT again (a COD order arrives processing); apiUrl and a sub-folder site are honoured", async () => {
    const woo = fakeWooCommerce({ status: "processing" });
    const result = await writeBack(change("confirmed"), { store: storeWith({ apiUrl: "http://127.0.0.1:8080/shop/" }), fetch: woo.fetch });
    expect(result).toEqual({
      status: "done",
      detail: "status already processing, note added",
      written: { cancelled: false, at: "2026-11-29T10:00:05Z" },
    });
    expect(woo.requests.map((request) => request.method)).toEqual(["GET", "GET", "POST"]);
    expect(woo.requests[0]!.url).toBe("http://127.0.0.1:8080/shop/wp-json/wc/v3/orders/727?_fields=id,status,date_modified_gmt");
  });

  test("an order the merchant completed or refunded keeps its status; the note still says what happened", async () => {
    const woo = fakeWooCommerce({ status: "completed" });
    const result = await writeBack(change("pending", { from: "confirmed", actor: "user" }), { store: storeWith(), fetch: woo.fetch });
    expect(result).toEqual({ status: "done", detail: "status left completed, note added", written: { cancelled: false, at: "2026-11-29T10:00:05Z" } });
    expect(woo.order.status).toBe("completed");
  });
});

describe("the store's choices", () => {
  test("its own map replaces the default: custom statuses without wc-, a status left out is not changed", async () => {
    const store = storeWith({}, { statusMap: { confirmed: "wc-confirmed" } });
    const woo = fakeWooCommerce({ status: "processing" });
    await writeBack(change("confirmed"), { store, fetch: woo.fetch });
    expect(woo.requests[1]).toMatchObject({ method: "PUT", body: { status: "confirmed" } });
    const other = fakeWooCommerce({ status: "processing" });
    expect(await writeBack(change("no_answer"), { store, fetch: other.fetch })).toEqual({ status: "done", detail: "note added" });
    expect(other.order.status).toBe("processing");
  });

  test("notes off and nothing mapped: nothing to do, nothing sent", async () => {
    const woo = fakeWooCommerce();
    const result = await writeBack(change("confirmed"), { store: storeWith({}, { statusMap: {}, note: false }), fetch: woo.fetch });
    expect(result.status).toBe("skipped");
    expect(woo.requests).toHaveLength(0);
  });

  test("courier statuses (shipped, delivered, returned) are not written back", async () => {
    const woo = fakeWooCommerce();
    expect((await writeBack(change("shipped", { from: "confirmed" }), { store: storeWith(), fetch: woo.fetch })).status).toBe("skipped");
    expect(woo.requests).toHaveLength(0);
  });
});

describe("once per change", () => {
  test("run again after a failure between the PUT and the note: no second PUT, one note; and again: nothing new", async () => {
    const woo = fakeWooCommerce({ status: "on-hold" });
    const real = woo.fetch;
    let calls = 0;
    const flaky: StoreFetch = async (url, init) => (++calls === 3 ? Promise.reject(new TypeError("fetch failed")) : real(url, init));
    await expect(writeBack(change("confirmed"), { store: storeWith(), fetch: flaky })).rejects.toThrow("fetch failed");
    expect(woo.order.status).toBe("processing");
    expect(await writeBack(change("confirmed"), { store: storeWith(), fetch: flaky })).toEqual({
      status: "done",
      detail: "status already processing, note added",
      written: { cancelled: false, at: "2026-11-29T10:05:02Z" },
    });
    const before = woo.requests.length;
    expect(await writeBack(change("confirmed"), { store: storeWith(), fetch: flaky })).toEqual({
      status: "done",
      detail: "status already processing, note already added",
      written: { cancelled: false, at: "2026-11-29T10:05:02Z" },
    });
    expect(woo.requests.slice(before).map((request) => request.method)).toEqual(["GET", "GET"]);
    expect(woo.requests.filter((request) => request.method === "PUT")).toHaveLength(1);
    expect(woo.notes).toHaveLength(1);
  });

  test("a note POST whose answer was lost is found by its marker on the retry", async () => {
    const woo = fakeWooCommerce({
      notes: [{ id: 279, note: `Confirma: order confirmed by the customer on WhatsApp. ${noteMarker(change("confirmed").changeId)}`, customer_note: false }],
    });
    const result = await writeBack(change("confirmed"), { store: storeWith(), fetch: woo.fetch });
    expect(result).toEqual({
      status: "done",
      detail: "status already processing, note already added",
      written: { cancelled: false, at: "2026-11-29T10:00:05Z" },
    });
    expect(woo.notes).toHaveLength(1);
  });
});

describe("failures", () => {
  test("401 with WooCommerce's reason is permanent", async () => {
    const woo = fakeWooCommerce();
    const result = await writeBack(change("confirmed"), { store: storeWith({ consumerSecret: "cs_revoked" }), fetch: woo.fetch });
    expect(result).toEqual({
      status: "failed",
      error: "WooCommerce GET /wp-json/wc/v3/orders/727 answered 401, woocommerce_rest_authentication_error: Consumer key is invalid.",
    });
  });

  test("403 and 404 are permanent; 400 (a status WooCommerce does not know) too", async () => {
    const forbidden = fakeWooCommerce();
    forbidden.failNext.push({
      status: 403,
      body: { code: "woocommerce_rest_cannot_edit", message: "Sorry, you are not allowed to edit this resource.", data: { status: 403 } },
    });
    expect(await writeBack(change("confirmed"), { store: storeWith(), fetch: forbidden.fetch })).toMatchObject({
      status: "failed",
      error: expect.stringContaining("403, woocommerce_rest_cannot_edit"),
    });
    const missing = fakeWooCommerce();
    expect(await writeBack(change("confirmed", { externalId: "999" }), { store: storeWith(), fetch: missing.fetch })).toMatchObject({
      status: "failed",
      error: expect.stringContaining("404, woocommerce_rest_shop_order_invalid_id: Invalid ID."),
    });
    const refused = fakeWooCommerce({ status: "on-hold" });
    refused.failNext.push(
      { status: 200, body: { id: 727, status: "on-hold" } },
      { status: 400, body: { code: "rest_invalid_param", message: "Invalid parameter(s): status", data: { status: 400 } } },
    );
    expect(await writeBack(change("confirmed"), { store: storeWith({}, { statusMap: { confirmed: "confirmed-typo" } }), fetch: refused.fetch })).toMatchObject({
      status: "failed",
      error: expect.stringContaining("PUT /wp-json/wc/v3/orders/727 answered 400, rest_invalid_param"),
    });
  });

  test("429 and 5xx are retried, with Retry-After when given", async () => {
    const busy = fakeWooCommerce();
    busy.failNext.push({ status: 429, body: { code: "too_many_requests", message: "Slow down" }, headers: { "retry-after": "20" } });
    expect(await writeBack(change("confirmed"), { store: storeWith(), fetch: busy.fetch })).toMatchObject({ status: "retry", retryAfterMs: 20_000 });
    const down = fakeWooCommerce();
    down.failNext.push({ status: 503, body: "<html>Service Unavailable</html>" });
    expect(await writeBack(change("confirmed"), { store: storeWith(), fetch: down.fetch })).toMatchObject({
      status: "retry",
      error: expect.stringContaining("503"),
    });
  });

  test("a redirect, or an HTML page where JSON was expected, says what to fix and is not retried", async () => {
    const moved = fakeWooCommerce();
    moved.failNext.push({ status: 301, body: "", headers: { location: "https://www.atlas-shop.ma/wp-json/wc/v3/orders/727" } });
    expect(await writeBack(change("confirmed"), { store: storeWith(), fetch: moved.fetch })).toMatchObject({
      status: "failed",
      error: expect.stringContaining("a redirect to https://www.atlas-shop.ma/"),
    });
    const plainPermalinks = fakeWooCommerce();
    plainPermalinks.failNext.push({ status: 404, body: "<html>Page not found</html>" });
    expect(await writeBack(change("confirmed"), { store: storeWith(), fetch: plainPermalinks.fetch })).toMatchObject({
      status: "failed",
      error: expect.stringContaining("permalinks"),
    });
    const html = fakeWooCommerce();
    html.failNext.push({ status: 200, body: "<html>Home</html>" });
    expect(await writeBack(change("confirmed"), { store: storeWith(), fetch: html.fetch })).toMatchObject({
      status: "failed",
      error: expect.stringContaining("without JSON"),
    });
  });

  test("no key, or an http site: failed before anything is sent", async () => {
    const woo = fakeWooCommerce();
    expect(await writeBack(change("confirmed"), { store: storeWith({ consumerKey: null }), fetch: woo.fetch })).toMatchObject({
      status: "failed",
      error: expect.stringContaining("consumerKey"),
    });
    expect(await writeBack(change("confirmed"), { store: storeWith({ siteUrl: "http://atlas-shop.ma" }), fetch: woo.fetch })).toMatchObject({
      status: "failed",
      error: expect.stringContaining("HTTPS only"),
    });
    expect(woo.requests).toHaveLength(0);
  });
});
