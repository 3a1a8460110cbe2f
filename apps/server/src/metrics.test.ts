import { afterAll, expect, test } from "bun:test";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { jobs } from "@confirma/db";
import type { OutboundSender } from "@confirma/whatsapp";
import { loadConfig } from "./config/config.ts";
import { spawnServer } from "./testing/spawn-server.ts";
import { openTestApp } from "./testing/test-app.ts";

/** `GET /metrics`: Prometheus text behind METRICS_TOKEN, moving under a small load. */
const TOKEN = "metrics-token-0123456789abcdef";
/** A provider that refuses every send, as Meta does for a number not on WhatsApp. */
const refusingSender: OutboundSender = {
  name: "meta",
  provider: "meta",
  send: async () => ({ ok: false, retryable: false, code: "131026", reason: "message undeliverable" }),
};
const t = await openTestApp({ METRICS_TOKEN: TOKEN }, { sender: refusingSender });
const off = await openTestApp();
afterAll(async () => {
  await t.close();
  await off.close();
});

async function scrape(): Promise<Map<string, number>> {
  const response = await t.app.request("/metrics", { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toStartWith("text/plain; version=0.0.4");
  const values = new Map<string, number>();
  for (const line of (await response.text()).split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const space = line.lastIndexOf(" ");
    values.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return values;
}

test("no token, a wrong token: 401; METRICS_TOKEN unset: metrics are off", async () => {
  const without = await t.app.request("/metrics");
  expect(without.status).toBe(401);
  expect(((await without.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
  expect((await t.app.request("/metrics", { headers: { authorization: "Bearer wrong-token-0123456789abcdef" } })).status).toBe(401);
  expect((await t.app.request("/metrics", { headers: { authorization: TOKEN } })).status).toBe(401);
  expect((await t.app.request("/metrics", { headers: { "x-api-key": "test-integration-key-0123456789" } })).status).toBe(401);
  expect((await off.app.request("/metrics", { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
  expect(() => loadConfig({ METRICS_TOKEN: "short" })).toThrow("METRICS_TOKEN must be at least 16 characters");
  expect(() => loadConfig({ METRICS_PORT: "9464" })).toThrow("METRICS_PORT needs METRICS_TOKEN");
  expect(() => loadConfig({ METRICS_PORT: "http", METRICS_TOKEN: TOKEN })).toThrow("METRICS_PORT must be a port number");
  expect(loadConfig({ METRICS_PORT: "9464", METRICS_TOKEN: TOKEN }).METRICS_PORT).toBe(9464);
});

test("every metric is present, and they move under a small load", async () => {
  const before = await scrape();
  for (const name of [
    "process_resident_memory_bytes",
    "nodejs_eventloop_lag_seconds",
    "confirma_jobs_due",
    "confirma_jobs_oldest_due_seconds",
    "confirma_live_subscriptions",
    "confirma_data_dir_free_bytes",
    `confirma_db_pool_size{database="${t.database.kind}"}`,
    'confirma_confirmation_outcomes_total{outcome="confirmed"}',
  ]) {
    expect({ name, present: before.has(name) }).toEqual({ name, present: true });
  }

  const client = await t.call("POST", "/api/clients", { phoneNumber: "+33612000001" });
  const order = await t.call("POST", "/api/orders", { clientId: client.body.id, products: [{ id: "p", name: "P", price: 5, quantity: 1 }] });
  expect(order.status).toBe(201);
  // The order's confirmation request goes out, and the provider refuses it.
  await t.jobRunner.runDue();
  for (let index = 0; index < 10; index++) {
    const delivery = await t.call("POST", "/api/webhook/whatsapp", { from: `+3361200010${index}`, body: "bonjour", type: "text", id: `metrics-${index}` });
    expect(delivery.status).toBe(200);
  }
  await t.call("POST", "/api/webhook/whatsapp", { from: "+33612000001", body: "oui je confirme", type: "text", id: "metrics-confirm" });
  expect((await t.call("POST", "/api/webhook/whatsapp", "{not json", { headers: { "content-type": "application/json" } })).status).toBe(400);
  expect((await t.call("POST", "/api/webhook/whatsapp", { from: "+33612000002", body: "x", type: "text" }, { key: null })).status).toBe(401);
  await t.db.insert(jobs).values({ kind: "send_message", dedupeKey: "metrics-late", runAt: new Date(Date.now() - 90_000) });

  // Let the database sample expire (it is cached for a few seconds).
  await Bun.sleep(5_100);
  const after = await scrape();
  const delta = (name: string) => (after.get(name) ?? 0) - (before.get(name) ?? 0);
  expect(delta('confirma_webhook_deliveries_total{provider="seed",outcome="accepted"}')).toBe(11);
  expect(delta('confirma_webhook_deliveries_total{provider="unknown",outcome="invalid_json"}')).toBe(1);
  expect(delta('confirma_webhook_deliveries_total{provider="unknown",outcome="unauthorized"}')).toBe(1);
  expect(delta('confirma_webhook_duration_seconds_count{provider="seed"}')).toBe(11);
  expect(delta('confirma_messages_total{direction="in",status="received"}')).toBe(11);
  expect(delta('confirma_replies_total{intent="confirm"}')).toBe(1);
  expect(delta('confirma_confirmation_outcomes_total{outcome="confirmed"}')).toBe(1);
  expect(after.get('confirma_orders{status="confirmed"}')).toBe(1);
  expect(after.get("confirma_jobs_due")).toBeGreaterThanOrEqual(1);
  expect(after.get("confirma_jobs_oldest_due_seconds")).toBeGreaterThanOrEqual(89);
  expect(after.get("process_resident_memory_bytes")).toBeGreaterThan(10_000_000);
  expect(delta('confirma_outbound_send_failures_total{provider="meta",code="131026"}')).toBeGreaterThanOrEqual(1);
  expect(delta('confirma_messages_total{direction="out",status="failed"}')).toBeGreaterThanOrEqual(1);
  if (t.database.kind === "postgres") expect([...after.keys()].some((name) => name.startsWith("confirma_db_connections{state="))).toBe(true);
});

test("METRICS_PORT: the metrics on 127.0.0.1 only, not on the public port", async () => {
  const probe = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
  const metricsPort = probe.port;
  probe.stop(true);
  const dataDir = join(tmpdir(), `confirma-metrics-${Date.now()}`);
  const server = await spawnServer(
    {
      DATA_DIR: dataDir,
      METRICS_TOKEN: TOKEN,
      METRICS_PORT: String(metricsPort),
      LOG_LEVEL: "warn",
      ...(t.database.url ? { DATABASE_URL: t.database.url } : {}),
    },
    { readyPath: "/readyz", timeoutMs: 150_000 },
  );
  try {
    expect((await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).status).toBe(401);
    const scraped = await fetch(`http://127.0.0.1:${metricsPort}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain("confirma_webhook_deliveries_total");
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 200_000);
