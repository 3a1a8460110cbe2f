import { createHash } from "node:crypto";
import type { StoreConnection, StoreFetch, WriteBackResult } from "../types.ts";

/**
 * The GraphQL Admin API version Confirma speaks: the latest stable one (each is supported for at
 * least 12 months; Shopify falls forward to the oldest supported version after that).
 */
export const SHOPIFY_API_VERSION = "2026-10";

/** `https://{shopDomain}`, or the store's `apiUrl` (self-hosted proxies, tests). */
export function shopifyApiBase(store: StoreConnection): string | null {
  const base = store.apiUrl ?? (store.shopDomain ? `https://${store.shopDomain}` : null);
  return base?.replace(/\/+$/, "") ?? null;
}

export type AdminResult<T> = { ok: true; data: T } | { ok: false; result: Extract<WriteBackResult, { status: "retry" | "failed" }> };

interface GraphqlError {
  message?: string;
  extensions?: { code?: string };
}

interface GraphqlResponse<T> {
  data?: T | null;
  errors?: GraphqlError[] | string;
  extensions?: { cost?: { requestedQueryCost?: number; throttleStatus?: { currentlyAvailable?: number; restoreRate?: number } } };
}

const retry = (error: string, retryAfterMs?: number): AdminResult<never> => ({
  ok: false,
  result: retryAfterMs === undefined ? { status: "retry", error } : { status: "retry", error, retryAfterMs },
});
const failed = (error: string): AdminResult<never> => ({ ok: false, result: { status: "failed", error } });

/**
 * Admin API access tokens of apps made in the Dev Dashboard (Shopify's only way to make a new app
 * since 2026) come from the client credentials grant and last 24 hours: kept here until shortly
 * before they expire. Keyed by store, client id and a digest of the secret, so a changed secret
 * asks again.
 */
const grantedTokens = new Map<string, { token: string; expiresAt: number }>();

type Credentials = { kind: "static"; token: string } | { kind: "granted"; key: string; clientId: string; clientSecret: string };

function credentialsOf(store: StoreConnection): Credentials | null {
  if (store.accessToken) return { kind: "static", token: store.accessToken };
  const clientSecret = store.consumerSecret ?? store.webhookSecret;
  if (!store.consumerKey || !clientSecret) return null;
  const digest = createHash("sha256").update(clientSecret).digest("hex").slice(0, 16);
  return { kind: "granted", key: `${store.id}:${store.consumerKey}:${digest}`, clientId: store.consumerKey, clientSecret };
}

async function grantToken(base: string, credentials: Extract<Credentials, { kind: "granted" }>, fetch: StoreFetch): Promise<AdminResult<string>> {
  const cached = grantedTokens.get(credentials.key);
  if (cached && cached.expiresAt > Date.now()) return { ok: true, data: cached.token };
  const response = await fetch(`${base}/admin/oauth/access_token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: credentials.clientId, client_secret: credentials.clientSecret }).toString(),
  });
  const body = (await response.json().catch(() => null)) as { access_token?: string; expires_in?: number; error_description?: string; error?: string } | null;
  if (response.status === 429 || response.status >= 500)
    return retry(`Shopify could not issue an access token (${response.status})`, retryAfterHeader(response));
  if (!response.ok || !body?.access_token) {
    const reason = body?.error_description ?? body?.error ?? `HTTP ${response.status}`;
    return failed(
      `Shopify refused the app's client ID and secret (${reason}): check the Client ID and Client secret, and that the app is installed on the store`,
    );
  }
  // A minute early, so a token never expires between this check and Shopify's.
  const lifetimeMs = Math.max(60, body.expires_in ?? 86_399) * 1000 - 60_000;
  grantedTokens.set(credentials.key, { token: body.access_token, expiresAt: Date.now() + lifetimeMs });
  return { ok: true, data: body.access_token };
}

/**
 * One GraphQL Admin API request, classified for the write-back: Shopify's cost-based throttle
 * (`THROTTLED`, HTTP 429) and its 5xx are `retry` (with the wait the bucket needs when Shopify says
 * how full it is); a refused token, a missing scope, an unknown shop and a query Shopify rejects
 * are `failed` with the reason, since trying again cannot help. Network errors propagate: the
 * job runner retries them.
 */
export async function shopifyGraphql<T>(store: StoreConnection, fetch: StoreFetch, query: string, variables: Record<string, unknown>): Promise<AdminResult<T>> {
  const base = shopifyApiBase(store);
  if (!base) return failed("the store has no shop domain (my-shop.myshopify.com)");
  const credentials = credentialsOf(store);
  if (!credentials) return failed("no Admin API credentials: set the app's Client ID and Client secret, or a custom app's Admin API access token");

  for (let attempt = 0; ; attempt++) {
    let token: string;
    if (credentials.kind === "static") token = credentials.token;
    else {
      const granted = await grantToken(base, credentials, fetch);
      if (!granted.ok) return granted;
      token = granted.data;
    }
    const response = await fetch(`${base}/admin/api/${SHOPIFY_API_VERSION}/graphql.json`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json", "x-shopify-access-token": token },
      body: JSON.stringify({ query, variables }),
    });
    // A granted token Shopify no longer accepts (revoked early): ask for a new one, once.
    if (response.status === 401 && credentials.kind === "granted" && attempt === 0) {
      grantedTokens.delete(credentials.key);
      continue;
    }
    return classify<T>(response);
  }
}

async function classify<T>(response: Response): Promise<AdminResult<T>> {
  const body = (await response.json().catch(() => null)) as GraphqlResponse<T> | null;
  const said = describeErrors(body?.errors);
  switch (true) {
    case response.status === 429:
      return retry(`Shopify is throttling requests (429)${said}`, retryAfterHeader(response) ?? throttleWait(body));
    case response.status >= 500:
      return retry(`Shopify answered ${response.status}${said}`);
    case response.status === 401:
      return failed(`Shopify refused the access token (401): it was revoked or is wrong${said}`);
    case response.status === 402:
      return failed(`the shop is frozen (402 Payment Required): its Shopify plan must be paid${said}`);
    case response.status === 403:
      return failed(`Shopify refused access (403): the app needs the read_orders and write_orders scopes${said}`);
    case response.status === 404:
      return failed(`no Shopify shop at this address (404): check the shop domain${said}`);
    case response.status === 423:
      return failed(`the shop is locked (423)${said}`);
    case response.status >= 300 && response.status < 400:
      return failed(`Shopify redirected the request (${response.status}): use the shop's my-shop.myshopify.com domain`);
    case !response.ok:
      return failed(`Shopify answered ${response.status}${said}`);
    case body === null:
      return retry("Shopify's answer was not JSON");
  }
  const errors = Array.isArray(body?.errors) ? body.errors : [];
  if (errors.length > 0) {
    const codes = errors.map((error) => error.extensions?.code);
    if (codes.includes("THROTTLED")) return retry(`Shopify is throttling requests (THROTTLED)`, throttleWait(body));
    if (codes.includes("INTERNAL_SERVER_ERROR")) return retry(`Shopify had an internal error${said}`);
    if (codes.includes("ACCESS_DENIED")) return failed(`Shopify denied access: the app needs the read_orders and write_orders scopes${said}`);
    return failed(`Shopify rejected the request${said}`);
  }
  if (!body?.data) return retry("Shopify's answer had no data");
  return { ok: true, data: body.data };
}

/** The wait until the bucket holds the request's cost again: (cost − available) / restore rate. */
function throttleWait(body: GraphqlResponse<unknown> | null): number | undefined {
  const cost = body?.extensions?.cost;
  const available = cost?.throttleStatus?.currentlyAvailable;
  const rate = cost?.throttleStatus?.restoreRate;
  if (cost?.requestedQueryCost === undefined || available === undefined || !rate) return undefined;
  return Math.max(1000, Math.ceil(((cost.requestedQueryCost - available) / rate) * 1000));
}

function retryAfterHeader(response: Response): number | undefined {
  const seconds = Number(response.headers.get("retry-after"));
  return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds * 1000) : undefined;
}

/** Shopify's own words, shortened: never the request, so never a token. */
function describeErrors(errors: GraphqlError[] | string | undefined): string {
  if (!errors) return "";
  const text = typeof errors === "string" ? errors : errors.map((error) => error.message ?? error.extensions?.code ?? "").join("; ");
  return text ? `: ${text.slice(0, 300)}` : "";
}
