import type { Executor } from "@confirma/db";
import { sql } from "drizzle-orm";

/**
 * Runs one of the KPI reads in a transaction of its own with settings fit for it:
 * - `jit = off`: their row estimates (a series of local hours or days joined to the counters,
 *   scans of a period's orders) pass PostgreSQL's JIT threshold, and compiling took 0.3–0.7 s of a
 *   0.3 s statement at 1M orders;
 * - `work_mem = 64MB`: the median's hashes and sort hold a period's orders (375,000 for 90 days at
 *   1M) and spilled to disk with the default 4 MB.
 * Both last until the transaction ends, so the pool's connections keep their own settings.
 */
export async function kpiStatement<T>(db: Executor, read: (tx: Executor) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    // `set local` both, in one round trip.
    await tx.execute(sql`select set_config('jit', 'off', true), set_config('work_mem', '64MB', true)`);
    return read(tx);
  });
}
