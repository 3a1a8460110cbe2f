import postgres from "postgres";
import { datasetStatements, type DatasetSize } from "./dataset-sql.ts";

export interface SeededDataset {
  seconds: number;
  counts: Record<string, number>;
}

/** Seeds the dataset on one connection, statement by statement, and counts what is there. */
export async function seedDataset(url: string, size: DatasetSize): Promise<SeededDataset> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const started = performance.now();
  try {
    for (const statement of datasetStatements(size, new Date(Date.now() - 180 * 86_400_000))) {
      const t0 = performance.now();
      await sql.unsafe(statement);
      const took = (performance.now() - t0) / 1000;
      if (took > 2) console.log(`  seed: ${statement.replace(/\s+/g, " ").slice(0, 60)}… ${took.toFixed(1)} s`);
    }
    const counts: Record<string, number> = {};
    for (const table of ["clients", "orders", "order_items", "messages", "status_changes"]) {
      const [row] = await sql.unsafe<{ n: number }[]>(`select count(*)::int as n from ${table}`);
      counts[table] = row?.n ?? 0;
    }
    const [review] = await sql<{ n: number }[]>`select count(*)::int as n from orders where needs_review and review_message_id is not null`;
    counts["orders needing review"] = review?.n ?? 0;
    return { seconds: (performance.now() - started) / 1000, counts };
  } finally {
    await sql.end({ timeout: 5 });
  }
}
