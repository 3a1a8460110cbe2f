import { afterAll, expect, test } from "bun:test";
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { openTestDatabase } from "@confirma/db/testing";
import { spawnServer } from "../testing/spawn-server.ts";
import { apiAnswers, emptyPostgresDatabase, runCli, SPAWN, STILL_SERVER_ENV, storedKey, writeOneMore, writeShopData } from "./testing/cli-test-kit.ts";

/**
 * `confirma backup` and `confirma restore`: a backup restored into a new database gives the same
 * API answers; a restore never replaces data without --force. Embedded database (PGlite's data
 * directory dump) or PostgreSQL (pg_dump / pg_restore), whichever DATABASE_URL says.
 */
const root = mkdtempSync(join(tmpdir(), "confirma-cli-backup-"));
const dataDir = join(root, "data");
const restoredDir = join(root, "restored");
const backupFile = join(root, "confirma.backup");
const postgres = process.env.DATABASE_URL ? await openTestDatabase() : undefined;
const target = postgres ? await emptyPostgresDatabase("restore") : undefined;
const env = { DATA_DIR: dataDir, ...(postgres?.url ? { DATABASE_URL: postgres.url } : {}) };
/** Where the backup is restored: a new DATA_DIR, and a new PostgreSQL database. */
const restoredEnv = { DATA_DIR: restoredDir, ...(target ? { DATABASE_URL: target.url } : {}) };
afterAll(async () => {
  await target?.drop();
  await postgres?.close();
  rmSync(root, { recursive: true, force: true });
});

let answers: Record<string, unknown>;

test("a backup of a shop's data, taken as the database allows", async () => {
  const server = await spawnServer({ ...env, ...STILL_SERVER_ENV }, SPAWN);
  const key = await storedKey(dataDir);
  try {
    await writeShopData(server.url, key, "backup");
    answers = await apiAnswers(server.url, key);
    expect((answers.clients as unknown[]).length).toBe(6);

    if (postgres) {
      // pg_dump reads one snapshot: the server keeps running.
      const backup = await runCli(["backup", backupFile], { env });
      expect(backup.stderr).toContain("with pg_dump");
      expect(backup.code).toBe(0);
    } else {
      // The embedded database is the running server's alone: the command says so, and writes nothing.
      const refused = await runCli(["backup", backupFile], { env });
      expect(refused.code).toBe(1);
      expect(refused.stderr.trim()).toBe(
        `confirma backup: the server is running on this DATA_DIR (pid ${server.pid}, ${server.url}): stop it first — the embedded database can be opened by one process at a time`,
      );
      expect(existsSync(backupFile)).toBe(false);
      expect(existsSync(`${backupFile}.partial`)).toBe(false);
      // Nor may a second server open it.
      const second = await runCli(["start"], { env: { ...env, HOST: "127.0.0.1", PORT: "0" } });
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(`the server is running on this DATA_DIR (pid ${server.pid}`);
    }
  } finally {
    expect(await server.stop()).toBe(0);
  }
  if (!postgres) {
    const backup = await runCli(["backup", backupFile], { env });
    expect(backup.code).toBe(0);
    expect(backup.stderr).toContain("gzipped tarball");
  }
  expect(statSync(backupFile).mode & 0o777).toBe(0o600);
  const head = new Uint8Array(await Bun.file(backupFile).slice(0, 5).arrayBuffer());
  expect(postgres ? new TextDecoder().decode(head) : [head[0], head[1]]).toEqual(postgres ? "PGDMP" : [0x1f, 0x8b]);

  const again = await runCli(["backup", backupFile], { env });
  expect(again.code).toBe(1);
  expect(again.stderr).toContain("exists: add --force to replace it");
}, 400_000);

test("restore refuses to replace a database that holds data without --force", async () => {
  const refused = await runCli(["restore", backupFile], { env });
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain(postgres ? "already holds data" : "already holds a database: add --force");
  const missing = await runCli(["restore", join(root, "nothing-here")], { env });
  expect(missing.code).toBe(1);
  expect(missing.stderr).toContain("does not exist");
  // A backup of the other kind of database is recognised and refused with what to do instead.
  const otherKind = join(root, "other-kind.backup");
  writeFileSync(otherKind, postgres ? new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0]) : "PGDMP\u0001\u000e");
  const wrong = await runCli(["restore", otherKind], { env });
  expect(wrong.code).toBe(1);
  expect(wrong.stderr).toContain(postgres ? "restore it without DATABASE_URL, then run `confirma move-to-postgres`" : "this is a PostgreSQL backup");
}, 120_000);

test("the backup restored into a new database answers as the original did", async () => {
  const restored = await runCli(["restore", backupFile], { env: restoredEnv });
  expect(restored.stderr).toContain("Restored");
  expect(restored.code).toBe(0);
  // The key is not in the backup: the operator copies secrets.json (or sets WHATSAPP_API_KEY).
  cpSync(join(dataDir, "secrets.json"), join(restoredDir, "secrets.json"));

  const server = await spawnServer({ ...restoredEnv, ...STILL_SERVER_ENV }, SPAWN);
  const key = await storedKey(restoredDir);
  try {
    expect(await apiAnswers(server.url, key)).toEqual(answers);
    await writeOneMore(server.url, key, "after-restore");
    expect(await apiAnswers(server.url, key)).not.toEqual(answers);
  } finally {
    expect(await server.stop()).toBe(0);
  }
}, 400_000);

test("restore --force replaces what is there: the change made since is gone", async () => {
  const refused = await runCli(["restore", backupFile], { env: restoredEnv });
  expect(refused.code).toBe(1);
  const forced = await runCli(["restore", backupFile, "--force"], { env: restoredEnv });
  expect(forced.stderr).toContain(postgres ? "replacing what was there" : "replacing the one that was there");
  expect(forced.code).toBe(0);
  // Nothing left beside the database: neither the replaced one nor the one being loaded.
  if (!postgres) expect(readdirSync(restoredDir).filter((name) => name.startsWith("pglite"))).toEqual(["pglite"]);

  const server = await spawnServer({ ...restoredEnv, ...STILL_SERVER_ENV }, SPAWN);
  try {
    expect(await apiAnswers(server.url, await storedKey(restoredDir))).toEqual(answers);
  } finally {
    expect(await server.stop()).toBe(0);
  }
}, 400_000);

test.if(Boolean(postgres))(
  "without pg_dump on PATH, backup says what to install",
  async () => {
    const result = await runCli(["backup", join(root, "no-tools.backup")], { env: { ...env, PATH: dirname(process.execPath) } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("pg_dump is not installed (or not on PATH)");
    expect(existsSync(join(root, "no-tools.backup"))).toBe(false);
  },
  60_000,
);
