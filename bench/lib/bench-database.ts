import postgres from "postgres";

export interface BenchDatabase {
  name: string;
  url: string;
  /** Drops the database (unless kept), closing every connection to it. */
  drop: () => Promise<void>;
}

/** Creates a fresh, empty database `confirma_bench_<label>_<timestamp>` on the benchmark server. */
export async function createBenchDatabase(pgUrl: string, label: string, { keep = false } = {}): Promise<BenchDatabase> {
  const name = `confirma_bench_${label}_${Date.now()}`;
  const admin = postgres(`${pgUrl}/postgres`, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  return {
    name,
    url: `${pgUrl}/${name}`,
    async drop() {
      if (keep) {
        console.log(`  (kept database ${name})`);
        return;
      }
      const dropper = postgres(`${pgUrl}/postgres`, { max: 1, onnotice: () => {} });
      try {
        await dropper.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await dropper.end({ timeout: 5 });
      }
    },
  };
}

/** A short-lived admin connection to one database, closed after `run`. */
export async function withSql<T>(url: string, run: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await run(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** PostgreSQL's deadlock and rollback counters for one database (pg_stat_database). */
export async function databaseCounters(url: string, name: string): Promise<{ deadlocks: number; rollbacks: number; commits: number }> {
  return withSql(url, async (sql) => {
    const [row] = await sql<{ deadlocks: string; xact_rollback: string; xact_commit: string }[]>`
      select deadlocks, xact_rollback, xact_commit from pg_stat_database where datname = ${name}`;
    return { deadlocks: Number(row?.deadlocks ?? 0), rollbacks: Number(row?.xact_rollback ?? 0), commits: Number(row?.xact_commit ?? 0) };
  });
}
