/**
 * Smoke test of the one-file executable, as a shop would first run it: `confirma start` on a
 * fresh DATA_DIR, the integration guide's client and webhook stored, the dashboard served, a
 * clean stop. `bun scripts/smoke-binary.ts [path]` (default dist/confirma); exits non-zero on
 * any failure. Run by .ci/run after `bun run build:binary`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { collectOutput, freePort } from "@confirma/server/testing";

const binary = resolve(process.argv[2] ?? join(import.meta.dir, "../dist/confirma"));
const dataDir = mkdtempSync(join(tmpdir(), "confirma-smoke-"));
const key = `smoke-${crypto.randomUUID()}`;
const port = freePort();
const base = `http://127.0.0.1:${port}`;

function check(condition: unknown, what: string): asserts condition {
  if (!condition) throw new Error(`smoke: ${what}`);
  console.log(`smoke: ok — ${what}`);
}

const help = Bun.spawnSync([binary, "--help"]);
check(help.exitCode === 0 && help.stdout.toString().includes("move-to-postgres"), "`confirma --help` lists the commands");

const started = performance.now();
const server = Bun.spawn([binary, "start"], {
  cwd: dataDir,
  env: { PATH: process.env.PATH, HOME: dataDir, HOST: "127.0.0.1", PORT: String(port), DATA_DIR: join(dataDir, "data"), WHATSAPP_API_KEY: key },
  stdout: "pipe",
  stderr: "pipe",
});
const output = collectOutput(server);

async function call(method: string, path: string, body?: unknown) {
  const response = await fetch(base + path, {
    method,
    headers: { "x-api-key": key, ...(body ? { "content-type": "application/json" } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, text, json: () => JSON.parse(text) };
}

try {
  let ready = false;
  while (!ready && performance.now() - started < 180_000 && server.exitCode === null) {
    ready = await fetch(`${base}/readyz`)
      .then((response) => response.ok)
      .catch(() => false);
    if (!ready) await Bun.sleep(100);
  }
  check(ready, `ready on a fresh DATA_DIR in ${Math.round(performance.now() - started)} ms`);

  const created = await call("POST", "/api/clients", { phoneNumber: "+33612345678", name: "Test Client", status: "pending" });
  check(created.status === 201, "the guide's client created");
  const clientId = created.json().id as string;
  const order = await call("POST", "/api/orders", { clientId, products: [{ id: "prod1", name: "Produit A", price: 29.99, quantity: 2 }] });
  check(order.status === 201, "the guide's order created");
  const webhook = await call("POST", "/api/webhook/whatsapp", { from: "33612345678@s.whatsapp.net", body: "Oui, je confirme", type: "text" });
  check(webhook.status === 200, "the guide's webhook answered 200");
  const confirmed = await call("GET", `/api/orders/${order.json().id}`);
  check(confirmed.json().status === "confirmed", "the reply stored and the order confirmed");

  const page = await fetch(`${base}/`);
  const html = await page.text();
  check(page.ok && html.includes("<!doctype html>"), "the dashboard served");
  const script = html.match(/src="(\/assets\/[^"]+\.js)"/)?.[1];
  const asset = script ? await fetch(base + script) : undefined;
  check(asset?.ok && asset.headers.get("content-type")?.includes("javascript"), "the dashboard's script served");

  const rss = Number(/VmRSS:\s+(\d+)/.exec(await Bun.file(`/proc/${server.pid}/status`).text())?.[1] ?? 0);
  console.log(`smoke: resident memory after the flow ${Math.round(rss / 1024)} MB`);

  server.kill("SIGTERM");
  const code = await Promise.race([server.exited, Bun.sleep(30_000).then(() => "timeout")]);
  check(code === 0, "stopped cleanly on SIGTERM");
} catch (error) {
  server.kill("SIGKILL");
  console.error(output().slice(-4000));
  throw error;
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
