import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type postgres from "postgres";
import type { RecordedQuery } from "../lib/query-recorder.ts";

function literal(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (value instanceof Date) return `'${value.toISOString()}'`;
  return `'${String(value).replace(/'/g, "''")}'`;
}

async function explainText(sql: postgres.Sql, statement: string, params: unknown[]): Promise<string> {
  const rows = await sql.unsafe<{ "QUERY PLAN": string }[]>(`explain (analyze, buffers) ${statement}`, params as postgres.ParameterOrJSON<never>[]);
  return rows.map((row) => row["QUERY PLAN"]).join("\n");
}

/**
 * The plan PostgreSQL picks when it knows the values (custom plan), and the generic plan a
 * prepared statement may switch to after five executions (postgres.js prepares every statement).
 */
async function explainBoth(sql: postgres.Sql, query: RecordedQuery): Promise<{ custom: string; generic: string }> {
  const custom = await explainText(sql, query.sql, query.params);
  let generic: string;
  try {
    await sql.unsafe(`prepare bench_plan as ${query.sql}`);
    await sql.unsafe("set plan_cache_mode = force_generic_plan");
    const args = query.params.length ? `(${query.params.map(literal).join(", ")})` : "";
    const rows = await sql.unsafe<{ "QUERY PLAN": string }[]>(`explain (analyze, buffers) execute bench_plan${args}`);
    generic = rows.map((row) => row["QUERY PLAN"]).join("\n");
  } catch (error) {
    generic = `(not available: ${error instanceof Error ? error.message : String(error)})`;
  } finally {
    await sql.unsafe("reset plan_cache_mode").catch(() => {});
    await sql.unsafe("deallocate bench_plan").catch(() => {});
  }
  return { custom, generic };
}

export interface PlanFile {
  name: string;
  title: string;
  timing: string;
  queries: RecordedQuery[];
}

/** Writes docs/query-plans/<name>.txt: every statement the service sent, with both plans. */
export async function writePlanFile(sql: postgres.Sql, dir: string, file: PlanFile): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const sections: string[] = [
    `${file.name}: ${file.title}`,
    `${file.timing}`,
    `Statements the service sent (drizzle's logger), each with EXPLAIN (ANALYZE, BUFFERS):`,
    `"custom plan" = planned with the values; "generic plan" = plan_cache_mode=force_generic_plan, what a`,
    `prepared statement (postgres.js prepares them all) may switch to after five executions.`,
  ];
  for (const [index, query] of file.queries.entries()) {
    const { custom, generic } = await explainBoth(sql, query);
    sections.push(
      "",
      `-- statement ${index + 1} of ${file.queries.length}`,
      query.sql,
      `-- params: ${JSON.stringify(query.params)}`,
      "",
      "custom plan:",
      custom,
      "",
      "generic plan:",
      generic,
    );
  }
  const path = join(dir, `${file.name}.txt`);
  await Bun.write(path, `${sections.join("\n")}\n`);
  return path;
}
