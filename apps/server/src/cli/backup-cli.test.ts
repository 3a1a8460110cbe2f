import { afterAll, expect, test } from "bun:test";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { dumpEmbeddedDatabase } from "@confirma/db";
import { openTestDatabase } from "@confirma/db/testing";
import { spawnServer } from "../testing/spawn-server.ts";
import { backupFormat } from "./backup-file.ts";
import { archiveEntries, leftovers, mediaTree, writeArchive } from "./testing/backup-archive-kit.ts";
import { apiAnswers, emptyPostgresDatabase, runCli, SPAWN, STILL_SERVER_ENV, storedKey, writeOneMore, writeShopData } from "./testing/cli-test-kit.ts";

/**
 * `confirma backup` and `confirma restore`: a backup restored into a new database gives the same
 * API answers and the same media files; a restore never replaces data without --force, never
 * writes outside MEDIA_DIR, and still reads database-only backups. Embedded database (PGlite's
 * data directory dump) or PostgreSQL (pg_dump / pg_restore), whichever DATABASE_URL says.
 */
const root = mkdtempSync(join(tmpdir(), "confirma-cli-backup-"));
const dataDir = join(root, "data");
const restoredDir = join(root, "restored");
const backupFile = join(root, "confirma.backup");
const postgres = process.env.DATABASE_URL ? await openTestDatabase() : undefined;
const target = postgres ? await emptyPostgresDatabase("restore") : undefined;
const oldTarget = postgres ? await emptyPostgresDatabase("restore_old") : undefined;
const env = { DATA_DIR: dataDir, ...(postgres?.url ? { DATABASE_URL: postgres.url } : {}) };
/** Where the backup is restored: a new DATA_DIR, and a new PostgreSQL database. */
const restoredEnv = { DATA_DIR: restoredDir, ...(target ? { DATABASE_URL: target.url } : {}) };
afterAll(async () => {
  await target?.drop();
  await oldTarget?.drop();
  await postgres?.close();
  rmSync(root, { recursive: true, force: true });
});

let answers: Record<string, unknown>;
/** Two media files as the server stores them (MEDIA_DIR defaults to DATA_DIR/media), one in a subfolder. */
const media = {
  "2b7c4a1e-0f3d-4a5b-9c6d-7e8f9a0b1c2d.ogg": crypto.getRandomValues(new Uint8Array(48_000)),
  "2026/5d6e7f80-9a1b-4c2d-8e3f-405162738495.jpg": crypto.getRandomValues(new Uint8Array(3_000)),
};

test("a backup of a shop's data, taken as the database allows", async () => {
  const server = await spawnServer({ ...env, ...STILL_SERVER_ENV }, SPAWN);
  const key = await storedKey(dataDir);
  try {
    await writeShopData(server.url, key, "backup");
    answers = await apiAnswers(server.url, key);
    expect((answers.clients as unknown[]).length).toBe(6);
    for (const [name, bytes] of Object.entries(media)) {
      mkdirSync(dirname(join(dataDir, "media", name)), { recursive: true, mode: 0o700 });
      writeFileSync(join(dataDir, "media", name), bytes, { mode: 0o600 });
    }

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
    expect(backup.stderr).toContain(`2 media file(s) of ${join(dataDir, "media")}`);
  }
  expect(statSync(backupFile).mode & 0o777).toBe(0o600);
  // One archive: the manifest, the dump as older versions wrote it alone, then the media files.
  expect(backupFormat(backupFile)).toEqual({ archive: { format: "confirma-backup", version: 1, database: postgres ? "postgres" : "embedded", media: true } });
  expect(await archiveEntries(backupFile)).toEqual([
    "confirma-backup.json",
    postgres ? "database.pgdump" : "database.tar.gz",
    "media/",
    "media/2026/",
    "media/2026/5d6e7f80-9a1b-4c2d-8e3f-405162738495.jpg",
    "media/2b7c4a1e-0f3d-4a5b-9c6d-7e8f9a0b1c2d.ogg",
  ]);

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
  expect(restored.stderr).toContain(`2 media file(s) restored into ${join(restoredDir, "media")}`);
  expect(restored.code).toBe(0);
  // The same bytes, owner-only like everything in DATA_DIR.
  expect(mediaTree(join(restoredDir, "media"))).toEqual(mediaTree(join(dataDir, "media")));
  expect(mediaTree(join(restoredDir, "media"))).toEqual({
    ".": { mode: 0o700 },
    "2026": { mode: 0o700 },
    "2026/5d6e7f80-9a1b-4c2d-8e3f-405162738495.jpg": { mode: 0o600, bytes: media["2026/5d6e7f80-9a1b-4c2d-8e3f-405162738495.jpg"] },
    "2b7c4a1e-0f3d-4a5b-9c6d-7e8f9a0b1c2d.ogg": { mode: 0o600, bytes: media["2b7c4a1e-0f3d-4a5b-9c6d-7e8f9a0b1c2d.ogg"] },
  });
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

test("restore --force replaces what is there: the change made since is gone, and so is a file added since", async () => {
  writeFileSync(join(restoredDir, "media", "0a1b2c3d-4e5f-4061-8273-948596a7b8c9.ogg"), "received after the backup", { mode: 0o600 });
  const refused = await runCli(["restore", backupFile], { env: restoredEnv });
  expect(refused.code).toBe(1);
  const forced = await runCli(["restore", backupFile, "--force"], { env: restoredEnv });
  expect(forced.stderr).toContain(postgres ? "replacing what was there" : "replacing the one that was there");
  expect(forced.code).toBe(0);
  expect(mediaTree(join(restoredDir, "media"))).toEqual(mediaTree(join(dataDir, "media")));
  // Nothing left beside the database and MEDIA_DIR: neither the replaced ones nor the ones being loaded.
  expect(leftovers(restoredDir)).toEqual(postgres ? ["media"] : ["media", "pglite"]);

  const server = await spawnServer({ ...restoredEnv, ...STILL_SERVER_ENV }, SPAWN);
  try {
    expect(await apiAnswers(server.url, await storedKey(restoredDir))).toEqual(answers);
  } finally {
    expect(await server.stop()).toBe(0);
  }
}, 400_000);

test("--no-media: the backup holds the database alone, and restoring it leaves MEDIA_DIR as it is", async () => {
  const file = join(root, "no-media.backup");
  const backup = await runCli(["backup", file, "--no-media"], { env });
  expect(backup.stderr).toContain("no media files (--no-media)");
  expect(backup.code).toBe(0);
  expect(await archiveEntries(file)).toEqual(["confirma-backup.json", postgres ? "database.pgdump" : "database.tar.gz"]);
  writeFileSync(join(restoredDir, "media", "0a1b2c3d-4e5f-4061-8273-948596a7b8c9.ogg"), "kept", { mode: 0o600 });
  const before = mediaTree(join(restoredDir, "media"));
  const restored = await runCli(["restore", file, "--force"], { env: restoredEnv });
  expect(restored.stderr).toContain(`${join(restoredDir, "media")} left as it is (the backup was taken with --no-media)`);
  expect(restored.code).toBe(0);
  expect(mediaTree(join(restoredDir, "media"))).toEqual(before);
  // And --no-media on restore leaves the media of a full backup where they are.
  const databaseOnly = await runCli(["restore", backupFile, "--force", "--no-media"], { env: restoredEnv });
  expect(databaseOnly.stderr).toContain("left as it is (--no-media)");
  expect(databaseOnly.code).toBe(0);
  expect(mediaTree(join(restoredDir, "media"))).toEqual(before);
}, 120_000);

test("restore refuses to replace media files without --force, even when the database is empty", async () => {
  const strayDir = join(root, "stray");
  mkdirSync(join(strayDir, "media"), { recursive: true, mode: 0o700 });
  writeFileSync(join(strayDir, "media", "0a1b2c3d-4e5f-4061-8273-948596a7b8c9.ogg"), "someone's voice note", { mode: 0o600 });
  // oldTarget is still empty here: only MEDIA_DIR stands in the way.
  const refused = await runCli(["restore", backupFile], { env: { DATA_DIR: strayDir, ...(oldTarget ? { DATABASE_URL: oldTarget.url } : {}) } });
  expect(refused.stderr).toContain(`${join(strayDir, "media")} already holds media files: add --force to replace them`);
  expect(refused.code).toBe(1);
  expect(Object.keys(mediaTree(join(strayDir, "media")))).toEqual([".", "0a1b2c3d-4e5f-4061-8273-948596a7b8c9.ogg"]);
  expect(existsSync(join(strayDir, "pglite"))).toBe(false);
}, 60_000);

test("a backup of the database alone, as earlier versions wrote it, still restores and leaves MEDIA_DIR as it is", async () => {
  const oldFile = join(root, "database-only.backup");
  if (postgres) {
    const dump = Bun.spawn(["pg_dump", "--format=custom", `--file=${oldFile}`, postgres.url!], { stderr: "pipe" });
    expect(await dump.exited).toBe(0);
  } else {
    await Bun.write(oldFile, await dumpEmbeddedDatabase(dataDir));
  }
  const oldDir = join(root, "old");
  const oldEnv = { DATA_DIR: oldDir, ...(oldTarget ? { DATABASE_URL: oldTarget.url } : {}) };
  mkdirSync(join(oldDir, "media"), { recursive: true, mode: 0o700 });
  writeFileSync(join(oldDir, "media", "0a1b2c3d-4e5f-4061-8273-948596a7b8c9.ogg"), "already here", { mode: 0o600 });
  const restored = await runCli(["restore", oldFile], { env: oldEnv });
  expect(restored.stderr).toContain(`${join(oldDir, "media")} left as it is (the backup holds the database only)`);
  expect(restored.code).toBe(0);
  expect(Object.keys(mediaTree(join(oldDir, "media")))).toEqual([".", "0a1b2c3d-4e5f-4061-8273-948596a7b8c9.ogg"]);
  cpSync(join(dataDir, "secrets.json"), join(oldDir, "secrets.json"));
  const server = await spawnServer({ ...oldEnv, ...STILL_SERVER_ENV }, SPAWN);
  try {
    expect(await apiAnswers(server.url, await storedKey(oldDir))).toEqual(answers);
  } finally {
    expect(await server.stop()).toBe(0);
  }
}, 400_000);

test.each([
  ["../evil", "file"],
  ["media/../../evil", "file"],
  ["media/2026/../../../evil", "file"],
  [join(root, "evil"), "file"],
  ["media/link", "symlink"],
] as const)(
  "an archive with the entry %p (%s) is refused, and nothing is written outside MEDIA_DIR",
  async (name, type) => {
    const crafted = join(root, "crafted.backup");
    await writeArchive(crafted, [
      {
        name: "confirma-backup.json",
        body: JSON.stringify({ format: "confirma-backup", version: 1, database: postgres ? "postgres" : "embedded", media: true }),
      },
      { name: postgres ? "database.pgdump" : "database.tar.gz", body: "never loaded" },
      { name: "media/", type: "directory" },
      { name: "media/1a2b3c4d-5e6f-4071-8293-a4b5c6d7e8f9.ogg", body: "a fine file first" },
      type === "symlink" ? { name, type, linkname: root } : { name, body: "evil" },
    ]);
    const before = { media: mediaTree(join(restoredDir, "media")), leftovers: leftovers(restoredDir) };
    const refused = await runCli(["restore", crafted, "--force"], { env: restoredEnv });
    expect(refused.stderr).toContain("this backup archive is refused, nothing was changed:");
    expect(refused.stderr).toContain(
      `its entry ${JSON.stringify(name)} ${type === "symlink" ? "is a symlink, not a file or folder" : "would be written outside MEDIA_DIR"}`,
    );
    expect(refused.code).toBe(1);
    for (const dir of [root, restoredDir, join(restoredDir, "media"), dataDir]) expect(existsSync(join(dir, "evil"))).toBe(false);
    expect({ media: mediaTree(join(restoredDir, "media")), leftovers: leftovers(restoredDir) }).toEqual(before);
  },
  60_000,
);

test("an archive whose database does not restore leaves MEDIA_DIR as it was: media are replaced only with the database", async () => {
  const broken = join(root, "broken-database.backup");
  await writeArchive(broken, [
    {
      name: "confirma-backup.json",
      body: JSON.stringify({ format: "confirma-backup", version: 1, database: postgres ? "postgres" : "embedded", media: true }),
    },
    { name: postgres ? "database.pgdump" : "database.tar.gz", body: "not a database" },
    { name: "media/", type: "directory" },
    { name: "media/1a2b3c4d-5e6f-4071-8293-a4b5c6d7e8f9.ogg", body: "would replace the files" },
  ]);
  const before = { media: mediaTree(join(restoredDir, "media")), leftovers: leftovers(restoredDir) };
  const failed = await runCli(["restore", broken, "--force"], { env: restoredEnv });
  expect(failed.stderr).toContain(postgres ? "pg_restore failed" : `${broken} could not be loaded`);
  expect(failed.code).toBe(1);
  expect({ media: mediaTree(join(restoredDir, "media")), leftovers: leftovers(restoredDir) }).toEqual(before);
}, 60_000);

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
