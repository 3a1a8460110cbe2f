/**
 * `bun run build` in packages/db: makes the fresh-database template a first start loads
 * (see pglite-template.ts), in packages/db/dist, unless one for these migrations is there.
 */
import { existsSync, readdirSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { createPglite, MIGRATIONS_FOLDER } from "./database.ts";
import { templateFileName, writeTemplate } from "./pglite-template.ts";

const folder = fileURLToPath(new URL("../dist", import.meta.url));
const current = templateFileName(MIGRATIONS_FOLDER);
// Templates made from earlier migrations are never loaded again: remove them.
for (const name of existsSync(folder) ? readdirSync(folder) : []) if (name.startsWith("pglite-template-") && name !== current) rmSync(`${folder}/${name}`);
if (existsSync(`${folder}/${current}`)) {
  console.log("pglite template: up to date");
} else {
  const started = performance.now();
  const pg = await createPglite(undefined);
  await migrate(drizzle({ client: pg }) as never, { migrationsFolder: MIGRATIONS_FOLDER });
  const file = await writeTemplate(MIGRATIONS_FOLDER, await pg.dumpDataDir("gzip"), folder);
  await pg.close();
  console.log(`pglite template: ${file} (${Math.round(performance.now() - started)} ms)`);
}
