import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { openTestDatabase } from "@confirma/db/testing";
import { POSTGRES_BIN, startPrivatePostgres } from "./testing/private-postgres.ts";
import { spawnServer, type SpawnedServer } from "./testing/spawn-server.ts";

/** Faults under load, against real PostgreSQL: bounded in count and time, loopback only. */
const KEY = "reliability-test-key-0123456789";
const onPostgres = Boolean(process.env.DATABASE_URL);
const servers: SpawnedServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop("SIGKILL")));
});

async function start(databaseUrl: string) {
  const server = await spawnServer({
    DATA_DIR: mkdtempSync(join(tmpdir(), "confirma-rel-")),
    WHATSAPP_API_KEY: KEY,
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: "info",
  });
  servers.push(server);
  return server;
}

function deliver(url: string, id: string, from = `336452${id.replace(/\D/g, "").slice(-5).padStart(5, "0")}`) {
  return fetch(`${url}/api/webhook/whatsapp`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": KEY },
    body: JSON.stringify({ from, body: "bonjour", type: "text", id }),
  })
    .then(async (response) => ({ id, status: response.status, body: await response.text() }))
    .catch(() => ({ id, status: 0, body: "" }));
}

/** Runs `task` over `items` with `concurrency` workers. */
async function pool<T, R>(items: T[], concurrency: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await task(items[index]!);
      }
    }),
  );
  return results;
}

describe.skipIf(!onPostgres)("on PostgreSQL", () => {
  test("duplicate storm: 3,000 concurrent deliveries of one message id store one row, all answered 200", async () => {
    const database = await openTestDatabase();
    try {
      const server = await start(database.url!);
      const results = await pool(Array.from({ length: 3000 }), 300, () => deliver(server.url, "wamid.storm", "33645300000"));
      expect(results.filter((result) => result.status !== 200)).toEqual([]);
      const sql = postgres(database.url!, { max: 1 });
      const [row] = await sql`select count(*)::int as n from messages where provider_message_id = 'wamid.storm'`;
      await sql.end();
      expect(row?.n).toBe(1);
    } finally {
      await database.close();
    }
  }, 120_000);

  test.skipIf(!POSTGRES_BIN)(
    "PostgreSQL restarted under load: 503 during the outage, never a 200 that was not stored, reconnects by itself",
    async () => {
      const cluster = await startPrivatePostgres();
      try {
        const server = await start(cluster.url);
        const ids = Array.from({ length: 1500 }, (_, index) => `wamid.outage-${index}`);
        let sent = 0;
        const outage = (async () => {
          while (sent < 300) await Bun.sleep(20);
          cluster.stop();
          await Bun.sleep(1_500);
          cluster.start();
        })();
        const results = await pool(ids, 8, async (id) => {
          const result = await deliver(server.url, id);
          sent++;
          return result;
        });
        await outage;

        const statuses = Map.groupBy(results, (result) => result.status);
        if (statuses.has(0))
          console.log(
            server
              .output()
              .split("\n")
              .filter((line) => !line.includes('"msg":"request"'))
              .slice(-30)
              .join("\n"),
          );
        expect([...statuses.keys()].filter((status) => status !== 200 && status !== 503)).toEqual([]);
        expect(statuses.get(503)?.length ?? 0).toBeGreaterThan(0);
        for (const result of statuses.get(503) ?? []) expect(JSON.parse(result.body).error.code).toBe("unavailable");

        const sql = postgres(cluster.url, { max: 1 });
        const stored = new Set((await sql`select provider_message_id as id from messages`).map((row) => row.id as string));
        for (const result of statuses.get(200) ?? []) expect(stored.has(result.id)).toBe(true);

        // The provider retries what was not acknowledged: everything ends stored exactly once.
        const retried = await pool(statuses.get(503) ?? [], 8, (result) => deliver(server.url, result.id));
        expect(retried.filter((result) => result.status !== 200)).toEqual([]);
        const [counts] =
          await sql`select count(*)::int as messages, count(distinct provider_message_id)::int as distinct_ids, (select count(*)::int from webhook_receipts) as receipts from messages`;
        await sql.end();
        expect(counts).toEqual({ messages: ids.length, distinct_ids: ids.length, receipts: ids.length });
        expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
      } finally {
        await cluster.destroy();
      }
    },
    120_000,
  );

  test.skipIf(!POSTGRES_BIN).each(["fast", "immediate"] as const)(
    "PostgreSQL stopped for 3 s (-m %s) under 16 concurrent deliveries: every request answers within REQUEST_TIMEOUT + 2 s; a 200 is stored, a timed-out 503 is not, retries store each once",
    async (mode) => {
      const cluster = await startPrivatePostgres();
      try {
        const server = await spawnServer({
          DATA_DIR: mkdtempSync(join(tmpdir(), "confirma-rel-")),
          WHATSAPP_API_KEY: KEY,
          DATABASE_URL: cluster.url,
          REQUEST_TIMEOUT: "2s",
        });
        servers.push(server);
        const boundMs = 2_000 + 2_000 + 1_000; // the deadline, the wait for a commit under way, scheduling on a busy machine
        let phase: "before" | "outage" | "after" | "done" = "before";
        const results: { id: string; status: number; body: string; ms: number; phase: string }[] = [];
        const outage = (async () => {
          await Bun.sleep(1_000);
          phase = "outage";
          cluster.stop(mode);
          await Bun.sleep(3_000);
          cluster.start();
          phase = "after";
          await Bun.sleep(3_000);
          phase = "done";
        })();
        await Promise.all(
          Array.from({ length: 16 }, async (_, worker) => {
            for (let sequence = 0; phase !== "done"; sequence++) {
              const id = `wamid.${mode}-${worker}-${sequence}`;
              // Half are plain chat (the shared one-statement write), half replies (a transaction each).
              const body = worker % 2 === 0 ? "bonjour" : "oui";
              const started = performance.now();
              const sentIn = phase;
              const result = await fetch(`${server.url}/api/webhook/whatsapp`, {
                method: "POST",
                headers: { "content-type": "application/json", "x-api-key": KEY },
                body: JSON.stringify({ from: `3364570${String(worker).padStart(4, "0")}`, body, type: "text", id }),
                signal: AbortSignal.timeout(30_000),
              })
                .then(async (response) => ({ status: response.status, body: await response.text() }))
                .catch(() => ({ status: 0, body: "" }));
              results.push({ id, ...result, ms: performance.now() - started, phase: sentIn });
              if (result.status !== 200) await Bun.sleep(50);
            }
          }),
        );
        await outage;

        const slow = results.filter((result) => result.ms > boundMs).map(({ id, status, ms, phase }) => ({ id, status, ms: Math.round(ms), phase }));
        expect(slow).toEqual([]);
        expect(results.filter((result) => result.status !== 200 && result.status !== 503)).toEqual([]);
        const unavailable = results.filter((result) => result.status === 503);
        expect(unavailable.length).toBeGreaterThan(0);
        for (const result of unavailable) expect(JSON.parse(result.body).error.code).toBe("unavailable");
        expect(results.filter((result) => result.status === 200 && result.phase === "after").length).toBeGreaterThan(0);

        const sql = postgres(cluster.url, { max: 1 });
        const stored = new Set((await sql`select provider_message_id as id from messages`).map((row) => row.id as string));
        for (const result of results.filter((result) => result.status === 200)) expect(stored.has(result.id)).toBe(true);
        // A 503 for the deadline stored nothing; one for a lost connection may have (its outcome is unknown).
        const timedOut = unavailable.filter((result) => JSON.parse(result.body).error.message.includes("nothing was stored"));
        expect(timedOut.filter((result) => stored.has(result.id)).map((result) => result.id)).toEqual([]);

        // The provider retries what was not acknowledged: everything ends stored exactly once.
        const retried = await pool(unavailable, 8, (result) => deliver(server.url, result.id));
        expect(retried.filter((result) => result.status !== 200)).toEqual([]);
        const [counts] = await sql`select count(*)::int as messages, count(distinct provider_message_id)::int as distinct_ids from messages`;
        await sql.end();
        expect(counts).toEqual({ messages: results.length, distinct_ids: results.length });
      } finally {
        await cluster.destroy();
      }
    },
    120_000,
  );

  test("the server killed with SIGKILL under load: after a restart and the provider's retries, every delivery is stored exactly once, none half-written", async () => {
    const database = await openTestDatabase();
    try {
      const first = await start(database.url!);
      const ids = Array.from({ length: 2000 }, (_, index) => `wamid.kill-${index}`);
      let done = 0;
      const killer = (async () => {
        while (done < 400) await Bun.sleep(10);
        first.process.kill("SIGKILL");
      })();
      const results = await pool(ids, 16, async (id) => {
        const result = await deliver(first.url, id);
        done++;
        return result;
      });
      await killer;
      const acknowledged = results.filter((result) => result.status === 200).map((result) => result.id);
      expect(acknowledged.length).toBeGreaterThan(0);
      expect(acknowledged.length).toBeLessThan(ids.length);

      const sql = postgres(database.url!, { max: 1 });
      const storedBefore = new Set((await sql`select provider_message_id as id from messages`).map((row) => row.id as string));
      for (const id of acknowledged) expect(storedBefore.has(id)).toBe(true);
      // One transaction per delivery: a receipt never exists without its message, nor a message without its client.
      const [orphans] = await sql`select
        (select count(*)::int from webhook_receipts r where not exists (select 1 from messages m where m.provider = r.provider and m.provider_message_id = r.provider_message_id)) as receipts_without_message,
        (select count(*)::int from messages m where not exists (select 1 from clients c where c.id = m.client_id)) as messages_without_client`;
      expect(orphans).toEqual({ receipts_without_message: 0, messages_without_client: 0 });

      const second = await start(database.url!);
      const retried = await pool(ids, 16, (id) => deliver(second.url, id));
      expect(retried.filter((result) => result.status !== 200)).toEqual([]);
      const [counts] = await sql`select count(*)::int as messages, count(distinct provider_message_id)::int as distinct_ids from messages`;
      await sql.end();
      expect(counts).toEqual({ messages: ids.length, distinct_ids: ids.length });
    } finally {
      await database.close();
    }
  }, 120_000);

  test("two instances, each answer delivered to both at once beside a question: each order decided exactly once", async () => {
    const database = await openTestDatabase();
    try {
      const [one, two] = [await start(database.url!), await start(database.url!)];
      const call = (path: string, body: unknown) =>
        fetch(`${one.url}${path}`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-api-key": KEY },
          body: JSON.stringify(body),
        }).then((response) => response.json() as Promise<{ id: string }>);
      const customers = await pool(
        Array.from({ length: 40 }, (_, index) => `3364560${String(index).padStart(4, "0")}`),
        8,
        async (phone) => {
          const client = await call("/api/clients", { phoneNumber: `+${phone}` });
          const order = await call("/api/orders", { clientId: client.id, products: [{ id: "p", name: "Colis", price: 25, quantity: 1 }] });
          return { phone, orderId: order.id };
        },
      );
      const send = (url: string, from: string, id: string, body: string) =>
        fetch(`${url}/api/webhook/whatsapp`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-api-key": KEY },
          body: JSON.stringify({ from, body, type: "text", id }),
        }).then((response) => response.status);
      const statuses = await pool(customers, 16, ({ phone }) =>
        Promise.all([
          send(one.url, phone, `wamid.yes-${phone}`, "Oui je confirme"),
          send(two.url, phone, `wamid.yes-${phone}`, "Oui je confirme"),
          send(two.url, phone, `wamid.question-${phone}`, "livraison quand ?"),
        ]),
      );
      expect(statuses.flat().filter((status) => status !== 200)).toEqual([]);
      const sql = postgres(database.url!, { max: 1 });
      const ids = customers.map((customer) => customer.orderId);
      const decided = await sql`select entity_id, count(*)::int as n from status_changes
                                where entity = 'order' and to_status = 'confirmed' and entity_id in ${sql(ids)} group by entity_id`;
      const [orders] = await sql`select count(*) filter (where status = 'confirmed')::int as confirmed, count(*)::int as n from orders where id in ${sql(ids)}`;
      const [stored] =
        await sql`select count(*)::int as n from messages where provider_message_id like 'wamid.yes-%' or provider_message_id like 'wamid.question-%'`;
      await sql.end();
      expect(decided.map((row) => row.n)).toEqual(Array(customers.length).fill(1));
      expect(orders).toEqual({ confirmed: customers.length, n: customers.length });
      expect(stored?.n).toBe(customers.length * 2);
    } finally {
      await database.close();
    }
  }, 120_000);

  test("two instances under load: no duplicate client or message", async () => {
    const database = await openTestDatabase();
    try {
      const [one, two] = [await start(database.url!), await start(database.url!)];
      const ids = Array.from({ length: 300 }, (_, index) => `wamid.pair-${index}`);
      // Every delivery goes to both instances at once; 30 senders, ten messages each.
      const results = await pool(ids, 32, async (id) => {
        const from = `3364540${String(Number(id.split("-")[1]) % 30).padStart(4, "0")}`;
        return Promise.all([deliver(one.url, id, from), deliver(two.url, id, from)]);
      });
      expect(results.flat().filter((result) => result.status !== 200)).toEqual([]);
      const sql = postgres(database.url!, { max: 1 });
      const [counts] = await sql`select (select count(*)::int from messages) as messages, (select count(*)::int from clients) as clients`;
      await sql.end();
      expect(counts).toEqual({ messages: 300, clients: 30 });
    } finally {
      await database.close();
    }
  }, 120_000);
});

test("poison payloads get 4xx, the server stays up, and its memory stays bounded", async () => {
  const database = onPostgres ? await openTestDatabase() : undefined;
  try {
    const server = database
      ? await start(database.url!)
      : await spawnServer({ DATA_DIR: mkdtempSync(join(tmpdir(), "confirma-poison-")), WHATSAPP_API_KEY: KEY });
    if (!database) servers.push(server);
    const rss = async () => Number(/VmRSS:\s+(\d+)/.exec(await Bun.file(`/proc/${server.process.pid}/status`).text())?.[1] ?? 0) / 1024;
    const post = (body: BodyInit, type = "application/json") =>
      fetch(`${server.url}/api/webhook/whatsapp`, { method: "POST", headers: { "content-type": type, "x-api-key": KEY }, body }).then(
        (response) => response.status,
      );
    const threeMegabytes = "x".repeat(3 * 1024 * 1024);
    const statuses: number[] = [];
    /** One round of poison: oversized, deeply nested, invalid UTF-8, wrong types, and a large valid message (stored once, then a duplicate). */
    async function round() {
      statuses.push(await post(threeMegabytes));
      statuses.push(await post(JSON.stringify({ from: "33645600000", body: threeMegabytes, type: "text" })));
      statuses.push(await post("[".repeat(200_000)));
      statuses.push(await post(new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])));
      statuses.push(await post(JSON.stringify({ from: 33645600000, body: ["oui"], type: { x: 1 } })));
      statuses.push(await post(JSON.stringify({ from: "33645600000", body: "é".repeat(200_000), type: "text", id: "big-valid-message" })));
    }
    // Bounded means it stops growing: after a first batch, two more batches add little.
    for (let index = 0; index < 15; index++) await round();
    const afterFirstBatch = await rss();
    for (let index = 0; index < 30; index++) await round();
    const afterThreeBatches = await rss();
    expect(statuses.filter((status) => status >= 500)).toEqual([]);
    expect(statuses.filter((status) => status === 413).length).toBeGreaterThanOrEqual(90);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(afterThreeBatches).toBeLessThan(afterFirstBatch + 120);
  } finally {
    await database?.close();
  }
}, 120_000);
