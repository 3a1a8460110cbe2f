import { fileURLToPath } from "node:url";
import { openDatabase } from "@confirma/db";
import { sql } from "drizzle-orm";

const CONFIRMA = fileURLToPath(new URL("../confirma.ts", import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `confirma <args>` as an operator would (`bun src/cli/confirma.ts`), with only the
 * environment given (plus PATH and HOME): the test's own DATABASE_URL does not leak in.
 */
export async function runCli(args: string[], { env = {}, stdin }: { env?: Record<string, string | undefined>; stdin?: string } = {}): Promise<CliResult> {
  const child = Bun.spawn([process.execPath, CONFIRMA, ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdin: stdin === undefined ? "ignore" : new Blob([stdin]),
    stdout: "pipe",
    stderr: "pipe",
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), 170_000);
  const [code, stdout, stderr] = await Promise.all([child.exited, new Response(child.stdout).text(), new Response(child.stderr).text()]);
  clearTimeout(timer);
  return { code, stdout, stderr };
}

/** The PostgreSQL server the tests use: DATABASE_URL's, else the local one. */
export function postgresBaseUrl(): string {
  return process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
}

/** A new, empty PostgreSQL database (no migrations), dropped by `drop()`. */
export async function emptyPostgresDatabase(label: string, { owner }: { owner?: string } = {}): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `confirma_${label}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 7)}`;
  const admin = await openDatabase({ databaseUrl: postgresBaseUrl(), poolSize: 1, migrate: false });
  await admin.db.execute(sql.raw(`create database "${name}"${owner ? ` owner "${owner}"` : ""}`));
  const url = new URL(postgresBaseUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin.db.execute(sql.raw(`drop database if exists "${name}" with (force)`));
      await admin.close();
    },
  };
}

/** GET `path` with the integration key; the parsed JSON body. */
export async function getJson<T = unknown>(baseUrl: string, key: string, path: string): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, { headers: { "x-api-key": key } });
  if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

async function allPages(baseUrl: string, key: string, path: string): Promise<unknown[]> {
  const items: unknown[] = [];
  let cursor: string | null = null;
  do {
    const separator = path.includes("?") ? "&" : "?";
    const page: { items: unknown[]; nextCursor: string | null } = await getJson(
      baseUrl,
      key,
      `${path}${separator}limit=200${cursor ? `&cursor=${cursor}` : ""}`,
    );
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/**
 * What the API answers about everything a shop holds: every client and order (all pages), every
 * client's conversation, the overview and queue counters (kept by triggers: a copy that recounted
 * or double-counted shows here).
 */
export async function apiAnswers(baseUrl: string, key: string): Promise<Record<string, unknown>> {
  const clients = (await allPages(baseUrl, key, "/api/clients")) as { id: string }[];
  const orders = await allPages(baseUrl, key, "/api/orders");
  const messages: Record<string, unknown[]> = {};
  for (const client of clients) messages[client.id] = await allPages(baseUrl, key, `/api/clients/${client.id}/messages`);
  const overview = await getJson(baseUrl, key, "/trpc/stats.overview");
  const queues = await getJson(baseUrl, key, "/trpc/stats.queues");
  return { clients, orders, messages, overview, queues };
}

/** The integration key a server generated in DATA_DIR. */
export async function storedKey(dataDir: string): Promise<string> {
  return (JSON.parse(await Bun.file(`${dataDir}/secrets.json`).text()) as { whatsappApiKey: string }).whatsappApiKey;
}

/** Environment for servers under test: no confirmation is due while the test runs, so answers stay still. */
export const STILL_SERVER_ENV = { CONFIRM_SEND_DELAY: "24h", LOG_LEVEL: "warn" };

async function send<T = { id: string }>(baseUrl: string, key: string, method: string, path: string, body: unknown): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { "content-type": "application/json", "x-api-key": key },
    body: JSON.stringify(body),
  });
  if (response.status >= 300) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/**
 * A small shop's day through the API: customers writing in (webhook), orders with items,
 * decisions by an agent, a reply to understand. `tag` keeps provider message ids unique.
 */
export async function writeShopData(baseUrl: string, key: string, tag: string): Promise<{ clientIds: string[]; orderIds: string[] }> {
  const clientIds: string[] = [];
  for (let n = 0; n < 6; n++) {
    const { clientId } = await send<{ clientId: string }>(baseUrl, key, "POST", "/api/webhook/whatsapp", {
      from: `3361234${String(n).padStart(4, "0")}@s.whatsapp.net`,
      body: `Bonjour, c'est Chloé ${n}`,
      type: "text",
      id: `${tag}-hello-${n}`,
    });
    clientIds.push(clientId);
  }
  const orderIds: string[] = [];
  for (const clientId of clientIds.slice(0, 4)) {
    const order = await send(baseUrl, key, "POST", "/api/orders", {
      clientId,
      currency: "EUR",
      products: [
        { id: "sku-robe", name: "Robe fleurie", price: 29.9, quantity: 2 },
        { id: "sku-sac", name: "Sac cuir", price: 79, quantity: 1 },
      ],
    });
    orderIds.push(order.id);
  }
  await send(baseUrl, key, "PUT", `/api/orders/${orderIds[0]}`, { status: "confirmed" });
  await send(baseUrl, key, "PUT", `/api/orders/${orderIds[1]}`, { status: "cancelled" });
  await send(baseUrl, key, "POST", "/api/webhook/whatsapp", { from: "33612340002@s.whatsapp.net", body: "oui je confirme", type: "text", id: `${tag}-reply` });
  return { clientIds, orderIds };
}

/** One more customer message: a change made after a backup or a move, to tell databases apart. */
export async function writeOneMore(baseUrl: string, key: string, id: string): Promise<void> {
  await send(baseUrl, key, "POST", "/api/webhook/whatsapp", { from: "33698765432@s.whatsapp.net", body: "Encore moi", type: "text", id });
}

/** How tests start servers: ready when /readyz answers, with room for a first embedded start on a busy machine. */
export const SPAWN = { readyPath: "/readyz", timeoutMs: 150_000 };
