import postgres from "postgres";

export interface WaitProfile {
  samples: number;
  /** Average number of the database's backends inside a transaction, per sample. */
  activeAverage: number;
  /** `type:event` (or `CPU` when not waiting) → share of active-backend samples, highest first. */
  shares: [string, number][];
}

export interface WaitSampler {
  stop: () => Promise<WaitProfile>;
}

/**
 * Samples pg_stat_activity every `intervalMs` for one database: what its backends inside a
 * transaction are doing — waiting for the application's next statement, waiting on a row lock,
 * the NOTIFY commit lock or the WAL flush, or running on CPU.
 */
export function sampleWaits(adminUrl: string, database: string, intervalMs = 200): WaitSampler {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const counts = new Map<string, number>();
  let samples = 0;
  let active = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      // Backends inside a transaction: waiting for the app's next statement, or working in the database.
      const rows = await sql<{ wait: string; n: number }[]>`
        select case
                 when state = 'idle in transaction' or wait_event = 'ClientRead' then 'app'
                 else coalesce(wait_event_type || ':' || wait_event, 'CPU')
               end as wait,
               count(*)::int as n
        from pg_stat_activity
        where datname = ${database} and state in ('active', 'idle in transaction') and pid <> pg_backend_pid()
        group by 1`.catch(() => []);
      samples++;
      for (const row of rows) {
        counts.set(row.wait, (counts.get(row.wait) ?? 0) + row.n);
        active += row.n;
      }
      await Bun.sleep(intervalMs);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      await sql.end({ timeout: 5 });
      const shares = [...counts.entries()].map(([wait, n]) => [wait, n / Math.max(1, active)] as [string, number]).sort((a, b) => b[1] - a[1]);
      return { samples, activeAverage: active / Math.max(1, samples), shares };
    },
  };
}

const NAMES: Record<string, string> = {
  app: "waiting for the app's next statement",
  "Lock:object": "NOTIFY commit lock (Lock:object)",
  "Lock:transactionid": "row lock (Lock:transactionid)",
  "Lock:tuple": "row lock (Lock:tuple)",
  "IO:WALSync": "WAL flush (IO:WALSync)",
  "LWLock:WALWrite": "WAL flush (LWLock:WALWrite)",
  CPU: "running (CPU)",
};

export function describeWaits(profile: WaitProfile, top = 4): string {
  return profile.shares
    .slice(0, top)
    .map(([wait, share]) => `${NAMES[wait] ?? wait} ${(share * 100).toFixed(0)}%`)
    .join(", ");
}
