import { DomainError, findStore, idInput, ingestStoreDelivery, toStoreConnection } from "@confirma/api";
import { STORE_ADAPTERS, type StoreWebhookRequest } from "@confirma/stores";
import type { Context } from "hono";
import { Hono } from "hono";
import type { AppDeps, AppEnv } from "../app-env.ts";
import { clientIp } from "../http/client-ip.ts";
import { readRawBody } from "../http/read-body.ts";
import { validate } from "../rest/validate.ts";

/**
 * `POST /api/webhook/stores/:id`: one address per connected store. The platform's signature is
 * checked on the raw bytes before anything is parsed; then the delivery is stored in one
 * transaction (exactly once per delivery id) and only then answered 200. A platform that does
 * not retry (WooCommerce) never gets a 200 for something not stored.
 */
export function storeWebhookRoutes(deps: AppDeps) {
  async function receive(c: Context<AppEnv>) {
    const logFields = c.get("logFields");
    logFields.webhook = true;
    const id = validate(idInput, c.req.param("id"));
    const rawBody = await readRawBody(c.req.raw);
    // An unknown id answers 404: it says only that there is no such store, and shows a typo in the URL.
    const store = await findStore(deps.services.db, id);
    logFields.store = store.id;
    logFields.platform = store.platform;
    const adapter = STORE_ADAPTERS[store.platform];
    const request: StoreWebhookRequest = { headers: c.req.raw.headers, rawBody };

    if (adapter.isUnsignedPing?.(request)) {
      logFields.outcome = "ping";
      return c.json({ ok: true, outcome: "ping" });
    }
    const connection = toStoreConnection(store);
    const verdict = adapter.verify(request, connection);
    logFields.auth = verdict;
    if (verdict !== "valid") {
      const error =
        verdict === "missing"
          ? new DomainError("unauthorized", `a ${store.platform} webhook must be signed with the store's secret`)
          : new DomainError("invalid_signature", "the webhook signature does not match the body");
      deps.recentRejects.record({
        at: new Date().toISOString(),
        requestId: c.get("requestId"),
        provider: `store:${store.platform}`,
        code: error.code,
        message: error.message,
        ip: clientIp(c, deps.config.TRUST_PROXY),
      });
      throw error;
    }

    const parsed = adapter.parse(request, connection);
    if (!parsed.ok) throw new DomainError("invalid_payload", parsed.message);
    const result = await ingestStoreDelivery(deps.services, store, parsed.deliveryId, parsed.event);
    logFields.outcome = result.outcome;
    return c.json({ ok: true, ...result });
  }

  return new Hono<AppEnv>().post("/:id", receive);
}
