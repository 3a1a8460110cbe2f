import { afterAll, expect, test } from "bun:test";
import { openTestApp, TEST_KEY } from "./testing/test-app.ts";

/** Flooding gets 429 with Retry-After; so does an address that keeps failing authentication. */
const t = await openTestApp({ RATE_LIMIT_PER_IP: "5" });
const server = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: (request, bun) => t.app.fetch(request, { server: bun }) });
const base = `http://127.0.0.1:${server.port}`;
afterAll(async () => {
  await server.stop(true);
  await t.close();
});

test("an address sending more than its share is told to wait", async () => {
  const statuses = [];
  for (let index = 0; index < 40; index++) {
    const response = await fetch(`${base}/api/clients`, { headers: { "x-api-key": TEST_KEY } });
    statuses.push(response.status);
    if (response.status === 429) {
      expect(Number(response.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
    }
  }
  expect(statuses.slice(0, 25).every((status) => status === 200)).toBe(true);
  expect(statuses).toContain(429);
  // Health checks are never limited.
  expect((await fetch(`${base}/healthz`)).status).toBe(200);
});

test("an address that keeps failing authentication is locked out, even with the right key afterwards", async () => {
  const other = await openTestApp({ RATE_LIMIT_PER_IP: "0" });
  const otherServer = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: (request, bun) => other.app.fetch(request, { server: bun }) });
  try {
    const url = `http://127.0.0.1:${otherServer.port}/api/webhook/whatsapp`;
    const statuses = [];
    for (let index = 0; index < 35; index++) {
      const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", "x-api-key": `guess-${index}` }, body: "{}" });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 30).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(30).every((status) => status === 429)).toBe(true);
    const honest = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": TEST_KEY },
      body: JSON.stringify({ from: "33612345678", body: "oui", type: "text" }),
    });
    expect(honest.status).toBe(429);
  } finally {
    await otherServer.stop(true);
    await other.close();
  }
});
