import { afterAll, expect, test } from "bun:test";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ChangeFeed } from "@confirma/api";
import { openDatabase, recordChanges } from "@confirma/db";
import { sql } from "drizzle-orm";
import { datasetStatements } from "../../../../bench/queries/dataset-sql.ts";
import { spawnServer, type SpawnedServer } from "../testing/spawn-server.ts";
import {
  apiAnswers,
  emptyPostgresDatabase,
  postgresBaseUrl,
  runCli,
  SPAWN,
  STILL_SERVER_ENV,
  storedKey,
  writeOneMore,
  writeShopData,
} from "./testing/cli-test-kit.ts";

/**
 * `confirma move-to-postgres`: the bench's dataset (small scale) and a day of API traffic on the
 * embedded database, moved to PostgreSQL, verified table by table, then the server started on
 * PostgreSQL answers exactly as it did on the embedded database, and a dashboard resumes its live
 * updates with the position it had. The move always goes from the embedded database to
 * PostgreSQL: it runs in the PostgreSQL pass of the tests (DATABASE_URL set).
 */
const enabled = Boolean(process.env.DATABASE_URL);
const dataDir = mkdtempSync(join(tmpdir(), "confirma-cli-move-"));
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  rmSync(dataDir, { recursive: true, force: true });
});

const ROLE = `confirma_mover_${Math.random().toString(36).slice(2, 8)}`;
let sourceAnswers: Record<string, unknown>;
/** A change-feed position taken on the embedded database, as an open dashboard holds it. */
let position: string;
let targetUrl: string;

/** The rows of drizzle's `execute` on either driver. */
function rowsOf<T = Record<string, unknown>>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

async function sourceDatabase<T>(work: (db: Awaited<ReturnType<typeof openDatabase>>["db"]) => Promise<T>): Promise<T> {
  const database = await openDatabase({ dataDir });
  try {
    return await work(database.db);
  } finally {
    await database.close();
  }
}

test.if(enabled)(
  "a shop on the embedded database: the bench's dataset, a store order written back, and a day through the API",
  async () => {
    await sourceDatabase(async (db) => {
      for (const statement of datasetStatements({ clients: 300, orders: 900, messages: 3_000 }, new Date(Date.now() - 180 * 86_400_000))) {
        await db.execute(sql.raw(statement));
      }
      // A store and one of its orders decided: the write-back trigger schedules a job, as in production.
      await db.execute(
        sql`insert into stores (id, platform, name, webhook_secret) values ('0190a000-0000-7000-8000-000000000001', 'custom', 'Boutique', 'whsec_test')`,
      );
      await db.execute(
        sql`update orders set store_id = '0190a000-0000-7000-8000-000000000001', external_id = 'ext-1' where id = (select min(id) from orders where status = 'pending')`,
      );
      await db.execute(sql`insert into status_changes (id, entity, entity_id, from_status, to_status, actor_type, reason)
        select '0190a000-0000-7000-8000-000000000003', 'order', id, 'pending', 'confirmed', 'user', 'manual' from orders where external_id = 'ext-1'`);
      await db.execute(sql`update orders set status = 'confirmed' where external_id = 'ext-1'`);
    });

    const server = await spawnServer({ DATA_DIR: dataDir, ...STILL_SERVER_ENV }, SPAWN);
    try {
      const key = await storedKey(dataDir);
      // An endpoint for outbound webhooks: the day's decisions fill its outbox (by triggers), which the copy must not refill.
      const hook = await fetch(`${server.url}/api/outbound-webhooks`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-api-key": key },
        body: JSON.stringify({ url: "https://hooks.example.com/confirma" }),
      });
      expect(hook.status).toBe(201);
      await writeShopData(server.url, key, "move");
      await signInAndSave(server);
      sourceAnswers = await apiAnswers(server.url, key);
    } finally {
      expect(await server.stop()).toBe(0);
    }
    expect((sourceAnswers.clients as unknown[]).length).toBe(306);
    expect((sourceAnswers.orders as unknown[]).length).toBe(904);

    // An open dashboard's position; then one more change it has not seen.
    position = await sourceDatabase(async (db) => {
      const [row] = rowsOf<{ snapshot: string }>(await db.execute(sql`select pg_current_snapshot()::text as snapshot`));
      await db.transaction((tx) => recordChanges(tx, [{ entity: "message", entityId: "after-the-position", action: "created" }]));
      return row!.snapshot;
    });
  },
  400_000,
);

/** A session (the first admin signs in) and a saved setting: rows the move must keep. */
async function signInAndSave(server: SpawnedServer) {
  const password = /password: (\S+)/.exec(server.output())![1]!;
  const login = await fetch(`${server.url}/trpc/auth.login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "admin@confirma.local", password }),
  });
  expect(login.status).toBe(200);
  const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
  const current = (await (await fetch(`${server.url}/trpc/settings.confirmation`, { headers: { cookie } })).json()) as {
    result: { data: { settings: object } };
  };
  const saved = await fetch(`${server.url}/trpc/settings.updateConfirmation`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify({ ...current.result.data.settings, language: "en" }),
  });
  expect(saved.status).toBe(200);
}

test.if(enabled)(
  "the move refuses a bad URL (2), a target that holds data or another application's tables (1), and leaves them as they were",
  async () => {
    const badUrl = await runCli(["move-to-postgres", "mysql://somewhere/db"], { env: { DATA_DIR: dataDir } });
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).toContain("the target must be a postgres:// URL");

    const busy = await emptyPostgresDatabase("busy");
    cleanups.push(busy.drop);
    const foreign = await openDatabase({ databaseUrl: busy.url, poolSize: 1, migrate: false });
    try {
      await foreign.db.execute(sql`create table other_app (id int)`);
      const refused = await runCli(["move-to-postgres", busy.url], { env: { DATA_DIR: dataDir } });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain("cannot receive the copy: it holds tables Confirma does not use (other_app)");
      await foreign.db.execute(sql`insert into other_app values (1)`);
      const notEmpty = await runCli(["move-to-postgres", busy.url], { env: { DATA_DIR: dataDir } });
      expect(notEmpty.code).toBe(1);
      expect(notEmpty.stderr).toContain("cannot receive the copy: it is not empty (other_app: 1 row)");
      const [tables] = rowsOf<{ n: number }>(await foreign.db.execute(sql`select count(*)::int as n from pg_tables where schemaname = 'public'`));
      expect(tables!.n).toBe(1);
    } finally {
      await foreign.close();
    }
    expect(existsSync(join(dataDir, "moved-to-postgres.json"))).toBe(false);
  },
  180_000,
);

test.if(enabled)(
  "move-to-postgres copies every table in one verified transaction; the server on PostgreSQL answers as before",
  async () => {
    const target = await emptyPostgresDatabase("move");
    cleanups.push(target.drop);
    targetUrl = target.url;
    const moved = await runCli(["move-to-postgres", target.url], { env: { DATA_DIR: dataDir } });
    expect(moved.stderr).toContain("copied messages: 3,");
    expect(moved.code).toBe(0);
    const report = moved.stdout;
    // Every table with rows in the source, each verified.
    for (const table of [
      "audit_events",
      "change_events",
      "clients",
      "jobs",
      "messages",
      "order_items",
      "orders",
      "outbound_deliveries",
      "outbound_webhooks",
      "sessions",
      "settings",
      "stat_counters",
      "status_changes",
      "stores",
      "users",
      "webhook_receipts",
    ]) {
      expect(report).toMatch(new RegExp(`^${table} +[1-9][\\d,]* +[0-9a-f]{16} +ok$`, "m"));
    }
    expect(report).not.toContain("MISMATCH");
    expect(report).toMatch(/^sequence change_events_id_seq: next value \d+ ok$/m);
    expect(report).toMatch(/^sequence jobs_id_seq: next value \d+ ok$/m);
    expect(report).toContain("triggers: none fired during the copy (session_replication_role = replica)");
    expect(report).toContain("row counts and checksums match");

    // The embedded database is kept, but the server no longer starts on it.
    const stale = await runCli(["start"], { env: { DATA_DIR: dataDir, HOST: "127.0.0.1", PORT: "0" } });
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain("was moved to PostgreSQL");

    const server = await spawnServer({ DATA_DIR: dataDir, DATABASE_URL: target.url, ...STILL_SERVER_ENV }, SPAWN);
    try {
      const key = await storedKey(dataDir);
      expect(await apiAnswers(server.url, key)).toEqual(sourceAnswers);

      // New ids continue after the copied ones; the counters keep counting from the copied values.
      await writeOneMore(server.url, key, "after-the-move");
      const after = await apiAnswers(server.url, key);
      expect((after.clients as unknown[]).length).toBe(307);
      expect(after.overview).not.toEqual(sourceAnswers.overview);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  },
  400_000,
);

test.if(enabled)(
  "a dashboard resuming with its position from the embedded database gets exactly what it had not seen",
  async () => {
    const database = await openDatabase({ databaseUrl: targetUrl, poolSize: 2, migrate: false });
    const feed = new ChangeFeed(database.db, database.listen, { pollMs: 200 });
    await feed.start();
    const received: string[] = [];
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 30_000);
    try {
      for await (const { change } of feed.subscribe(position, { owner: "dashboard", signal: controller.signal })) {
        received.push(change.entityId);
        if (received.length >= 3) break;
      }
    } finally {
      clearTimeout(timer);
      controller.abort();
      await feed.stop();
      await database.close();
    }
    // The change made after the position on the embedded database, then the message and its new
    // client written on PostgreSQL: nothing from before the position comes again.
    expect(received[0]).toBe("after-the-position");
    expect(received.length).toBe(3);
    expect(new Set(received.slice(1)).size).toBe(2);
    const copied = (sourceAnswers.clients as { id: string }[]).map((client) => client.id);
    expect(received.filter((id) => copied.includes(id))).toEqual([]);
  },
  60_000,
);

test.if(enabled)(
  "a PostgreSQL user that may not use replica mode: the triggers are disabled for the copy, and enabled again",
  async () => {
    const admin = await openDatabase({ databaseUrl: postgresBaseUrl(), poolSize: 1, migrate: false });
    await admin.db.execute(sql.raw(`create role "${ROLE}" login nosuperuser`));
    cleanups.push(async () => {
      await admin.db.execute(sql.raw(`drop role if exists "${ROLE}"`));
      await admin.close();
    });
    const target = await emptyPostgresDatabase("owned", { owner: ROLE });
    cleanups.push(target.drop);
    const url = new URL(target.url);
    url.username = ROLE;
    url.password = "";

    rmSync(join(dataDir, "moved-to-postgres.json"));
    const moved = await runCli(["move-to-postgres", url.toString(), "--batch", "250"], { env: { DATA_DIR: dataDir } });
    expect(moved.stderr).not.toContain("confirma move-to-postgres:");
    expect(moved.code).toBe(0);
    expect(moved.stdout).toContain("triggers: none fired during the copy (disabled for its transaction: this user may not set session_replication_role)");
    expect(moved.stdout).not.toContain("MISMATCH");

    const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 1, migrate: false });
    try {
      const disabled = rowsOf(
        await database.db.execute(
          sql`select tgname from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
              where n.nspname = 'public' and not t.tgisinternal and t.tgenabled = 'D'`,
        ),
      );
      expect(disabled).toEqual([]);
    } finally {
      await database.close();
    }

    const server = await spawnServer({ DATA_DIR: dataDir, DATABASE_URL: url.toString(), ...STILL_SERVER_ENV }, SPAWN);
    try {
      expect(await apiAnswers(server.url, await storedKey(dataDir))).toEqual(sourceAnswers);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  },
  400_000,
);
