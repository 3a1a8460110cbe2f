import { DomainError, ingestEvents } from "@confirma/api";
import {
  detectProvider,
  getProvider,
  PROVIDERS,
  verifyMetaHandshake,
  type ProviderAdapter,
  type ProviderSecrets,
  type WebhookRequest,
} from "@confirma/whatsapp";
import type { Context } from "hono";
import { Hono } from "hono";
import { authenticateKey } from "../auth/authenticate-key.ts";
import type { AppDeps, AppEnv } from "../app-env.ts";
import { errorResponse } from "../http/error-response.ts";
import { readRawBody } from "../http/read-body.ts";
import { clientIp, forwarding } from "../http/client-ip.ts";
import { decodeWebhookBody, publicRequestUrl } from "./webhook-request.ts";
import type { ServerMetrics } from "../metrics/server-metrics.ts";

/**
 * `POST /api/webhook/whatsapp[/:provider]`: authenticate (integration key or a provider
 * signature over the raw bytes), then parse, then store the whole delivery in one
 * transaction, then answer what the provider expects. A 200 means stored.
 */
export function webhookRoutes(deps: AppDeps) {
  const secrets: ProviderSecrets = {
    metaAppSecret: deps.config.WHATSAPP_APP_SECRET,
    twilioAuthToken: deps.config.TWILIO_AUTH_TOKEN,
    wahaHmacKey: deps.config.WAHA_HMAC_KEY,
  };

  async function receive(c: Context<AppEnv>, forced: ProviderAdapter | undefined) {
    const started = performance.now();
    const measure = (outcome: string) => {
      const provider = (c.get("logFields").provider as string | undefined) ?? forced?.name ?? "unknown";
      deps.metrics?.webhookDeliveries.inc({ provider, outcome });
      deps.metrics?.webhookDuration.observe({ provider }, (performance.now() - started) / 1000);
    };
    try {
      const response = await receiveDelivery(c, forced);
      measure("accepted");
      return response;
    } catch (error) {
      measure(error instanceof DomainError ? error.code : "error");
      if (error instanceof DomainError) {
        deps.recentRejects.record({
          at: new Date().toISOString(),
          requestId: c.get("requestId"),
          provider: (c.get("logFields").provider as string | undefined) ?? forced?.name ?? null,
          code: error.code,
          message: error.message,
          ip: clientIp(c, deps.config.TRUST_PROXY),
        });
      }
      throw error;
    }
  }

  async function receiveDelivery(c: Context<AppEnv>, forced: ProviderAdapter | undefined) {
    const logFields = c.get("logFields");
    logFields.webhook = true;
    const rawBody = await readRawBody(c.req.raw);
    const request: WebhookRequest = {
      method: c.req.method,
      url: publicRequestUrl(c.req.raw, { publicUrl: deps.config.PUBLIC_URL, proxies: forwarding(c, deps.config.TRUST_PROXY).proxies }),
      headers: c.req.raw.headers,
      rawBody,
    };

    const auth = authenticate(request, forced ? [forced] : PROVIDERS);
    logFields.auth = auth.method;
    if (!auth.ok) throw new DomainError(auth.code, auth.message);

    const body = decodeWebhookBody(request);
    const provider = forced ?? detectProvider(body, request);
    if (!provider) throw new DomainError("unknown_provider", "not a WhatsApp webhook format Confirma knows (seed, Meta, Twilio, Evolution, WAHA, Green API)");
    logFields.provider = provider.name;

    const parsed = provider.parse(body, { defaultCountry: deps.config.DEFAULT_COUNTRY, receivedAt: new Date() });
    if (!parsed.ok) throw new DomainError(parsed.code, parsed.message);

    const result = await ingestEvents(deps.services, parsed.events);
    logFields.events = result.outcomes.map((outcome) => ({
      kind: outcome.kind,
      outcome: outcome.outcome,
      id: outcome.providerMessageId,
      ...(outcome.kind === "message" ? { intent: outcome.intent, orderStatus: outcome.orderStatus, flagged: outcome.flagged } : {}),
      ...(outcome.kind === "ignored" ? { reason: outcome.reason } : {}),
    }));
    if (deps.metrics) countOutcomes(deps.metrics, result.outcomes);
    const reply = provider.reply({ clientIds: result.clientIds });
    return c.body(reply.body, reply.status as 200, { "content-type": reply.contentType });
  }

  function authenticate(request: WebhookRequest, candidates: readonly ProviderAdapter[]) {
    if (authenticateKey(request.headers, deps.integrationKey)) return { ok: true as const, method: "key" };
    let presentedSignature = false;
    for (const provider of candidates) {
      const verdict = provider.verifySignature(request, secrets);
      if (verdict === "valid") return { ok: true as const, method: `signature:${provider.name}` };
      if (verdict === "invalid") presentedSignature = true;
    }
    return presentedSignature
      ? { ok: false as const, method: "bad_signature", code: "invalid_signature" as const, message: "the webhook signature does not match the body" }
      : { ok: false as const, method: "none", code: "unauthorized" as const, message: "send the integration key (x-api-key) or a provider signature" };
  }

  /** Meta's subscription handshake: echo `hub.challenge` when `hub.verify_token` matches. */
  function handshake(c: Context<AppEnv>) {
    const verdict = verifyMetaHandshake(new URL(c.req.url).searchParams, deps.config.WHATSAPP_VERIFY_TOKEN);
    if (!verdict.ok) {
      const code = deps.config.WHATSAPP_VERIFY_TOKEN ? "forbidden" : "not_found";
      return errorResponse(
        c,
        code,
        deps.config.WHATSAPP_VERIFY_TOKEN ? "the verify token does not match" : "set WHATSAPP_VERIFY_TOKEN to enable Meta's verification handshake",
      );
    }
    return c.text(verdict.challenge, 200);
  }

  return new Hono<AppEnv>()
    .get("/", handshake)
    .get("/meta", handshake)
    .post("/", (c) => receive(c, undefined))
    .post("/:provider", (c) => {
      const provider = getProvider(c.req.param("provider"));
      if (!provider) throw new DomainError("not_found", `no provider \`${c.req.param("provider")}\``);
      return receive(c, provider);
    });
}

/** Messages stored, statuses applied and replies understood by one delivery, into the counters. */
function countOutcomes(metrics: ServerMetrics, outcomes: Awaited<ReturnType<typeof ingestEvents>>["outcomes"]): void {
  for (const outcome of outcomes) {
    if (outcome.kind === "message" && outcome.outcome === "stored") {
      metrics.messages.inc({ direction: "in", status: "received" });
      if (outcome.intent) metrics.replies.inc({ intent: outcome.intent });
    } else if (outcome.kind === "status" && outcome.outcome === "updated") {
      metrics.messages.inc({ direction: "out", status: outcome.status });
    }
  }
}
