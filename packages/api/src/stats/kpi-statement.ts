import type { Executor } from "@confirma/db";
import { sql } from "drizzle-orm";

/**
 * Runs one of the KPI reads in a transaction of its own, with JIT off: their row estimates (a
 * series of local hours or days joined to the counters, scans of a period's orders) pass
 * PostgreSQL's JIT threshold, and compiling took 0.3–0.7 s of a 0.3 s statement at 1M orders.
 * `workMem` raises `work_mem` for the statement: the median's hashes and sort hold a period's
 * orders (375,000 for 90 days at 1M) and spilled to disk with the default 4 MB. Not for the
 * product scan: with room to sort in memory the planner gives up its parallel plan, 1.7x slower.
 * Both settings end with the transaction, so the pool's connections keep their own.
 */
export async function kpiStatement<T>(db: Executor, read: (tx: Executor) => Promise<T>, { workMem }: { workMem?: string } = {}): Promise<T> {
  return db.transaction(async (tx) => {
    // Like `set local`, in one round trip.
    await tx.execute(
      workMem ? sql`select set_config('jit', 'off', true), set_config('work_mem', ${workMem}, true)` : sql`select set_config('jit', 'off', true)`,
    );
    return read(tx);
  });
}
