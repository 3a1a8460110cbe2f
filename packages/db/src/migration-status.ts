import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { MIGRATIONS_FOLDER, type Executor } from "./database.ts";
import { rowsOf } from "./rows-of.ts";

export interface MigrationStatus {
  /** Migrations this version of Confirma carries. */
  known: number;
  /** Of those, applied to the database. */
  applied: number;
  /** Tags of the known migrations not applied yet (the server applies them when it starts). */
  pending: string[];
  /** The database was migrated by a newer version: it holds migrations this one does not know. */
  newer: boolean;
}

interface JournalEntry {
  tag: string;
  when: number;
}

/** The migrations this version carries, oldest first (drizzle's journal). */
export function knownMigrations(): JournalEntry[] {
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")) as { entries: JournalEntry[] };
  return journal.entries;
}

/**
 * Which of this version's migrations the database has, the way drizzle's migrator decides it:
 * every migration up to the latest applied one's timestamp counts as applied.
 */
export async function migrationStatus(db: Executor): Promise<MigrationStatus> {
  const known = knownMigrations();
  const [table] = rowsOf<{ present: boolean }>(await db.execute(sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`));
  let latest = -1;
  if (table?.present) {
    const [row] = rowsOf<{ latest: string | null }>(await db.execute(sql`select max(created_at)::text as latest from drizzle.__drizzle_migrations`));
    latest = row?.latest ? Number(row.latest) : -1;
  }
  const pending = known.filter((entry) => entry.when > latest).map((entry) => entry.tag);
  return { known: known.length, applied: known.length - pending.length, pending, newer: latest > (known.at(-1)?.when ?? -1) };
}
