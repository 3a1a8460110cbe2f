import { afterAll, expect, test } from "bun:test";
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { createPglite, MIGRATIONS_FOLDER } from "./database.ts";
import { migrationsHash, readTemplate, templateFileName, writeTemplate } from "./pglite-template.ts";

const scratch = mkdtempSync(join(tmpdir(), "confirma-template-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

test("a template is named by its migrations: any change to one gives another name", () => {
  const copy = join(scratch, "migrations");
  cpSync(MIGRATIONS_FOLDER, copy, { recursive: true });
  expect(migrationsHash(copy)).toBe(migrationsHash(MIGRATIONS_FOLDER));
  appendFileSync(join(copy, "0001_init.sql"), "\n-- edited\n");
  expect(migrationsHash(copy)).not.toBe(migrationsHash(MIGRATIONS_FOLDER));
  expect(templateFileName(copy)).not.toBe(templateFileName(MIGRATIONS_FOLDER));
  // No template for other migrations: the caller creates the database the long way.
  expect(readTemplate(copy, scratch)).toBeUndefined();
});

test("a database loaded from the template holds every migration, and new ones still apply", async () => {
  const source = await createPglite(undefined);
  await migrate(drizzle({ client: source }) as never, { migrationsFolder: MIGRATIONS_FOLDER });
  const file = await writeTemplate(MIGRATIONS_FOLDER, await source.dumpDataDir("gzip"), scratch);
  await source.close();
  expect(file).toBe(join(scratch, templateFileName(MIGRATIONS_FOLDER)));

  const template = readTemplate(MIGRATIONS_FOLDER, scratch);
  expect(template).toBeDefined();
  const loaded = await createPglite(join(scratch, "data"), { loadDataDir: template! });
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")) as { entries: unknown[] };
  const applied = await loaded.query<{ n: number }>("select count(*)::int as n from drizzle.__drizzle_migrations");
  expect(applied.rows[0]!.n).toBe(journal.entries.length);
  // The migrator finds nothing left to do, and the schema is there (extensions included).
  await migrate(drizzle({ client: loaded }) as never, { migrationsFolder: MIGRATIONS_FOLDER });
  expect((await loaded.query<{ n: number }>("select count(*)::int as n from drizzle.__drizzle_migrations")).rows[0]!.n).toBe(journal.entries.length);
  expect((await loaded.query<{ u: string }>("select public.immutable_unaccent('Clément') as u")).rows[0]!.u).toBe("Clement");
  expect((await loaded.query<{ s: string }>("show shared_buffers")).rows[0]).toEqual({ shared_buffers: "16MB" } as never);
  await loaded.close();
});
