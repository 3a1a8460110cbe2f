/**
 * Builds the one-file `confirma` executable (linux-x64): the server and its command line, the
 * built dashboard, the database migrations and PGlite's WebAssembly, data and extension files,
 * all carried inside. `bun run build:binary [outfile]` (default dist/confirma).
 */
import { cpSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { templateFileName } from "@confirma/db";

const root = resolve(import.meta.dir, "..");
const outfile = resolve(process.argv[2] ?? join(root, "dist/confirma"));
const target = process.env.CONFIRMA_BINARY_TARGET ?? "bun-linux-x64";

async function run(command: string[], cwd = root): Promise<void> {
  const child = Bun.spawn(command, { cwd, stdout: "inherit", stderr: "inherit" });
  const code = await child.exited;
  if (code !== 0) throw new Error(`${command.join(" ")} exited with ${code}`);
}

await run(["bun", "run", "build"]);

// The dashboard is carried under the name the server looks for (`dashboard/`), next to the
// migrations (`migrations/`); PGlite's files keep their own names at the top (it finds
// `pglite.wasm`, `pglite.data` and `initdb.wasm` there by itself).
const staging = join(root, "dist/standalone");
rmSync(staging, { recursive: true, force: true });
mkdirSync(staging, { recursive: true });
cpSync(join(root, "apps/dashboard/dist"), join(staging, "dashboard"), { recursive: true });
cpSync(join(root, "packages/db/migrations"), join(staging, "migrations"), { recursive: true });
// The fresh database a first start loads instead of running initdb (packages/db/src/pglite-template.ts).
const template = templateFileName(join(root, "packages/db/migrations"));
if (!existsSync(join(root, "packages/db/dist", template))) throw new Error(`packages/db/dist holds no ${template}: \`bun run build\` should have made it`);
mkdirSync(join(staging, "pglite-template"));
cpSync(join(root, "packages/db/dist", template), join(staging, "pglite-template", template));
const pglite = dirname(Bun.resolveSync("@electric-sql/pglite", join(root, "packages/db")));
const pgliteFiles = ["pglite.wasm", "pglite.data", "initdb.wasm", "pg_trgm.tar.gz", "unaccent.tar.gz"];

mkdirSync(dirname(outfile), { recursive: true });
await run([
  "bun",
  "build",
  "--compile",
  `--target=${target}`,
  "--no-compile-autoload-bunfig",
  // Entry names are relative to the root: the worker is `process/watchdog-worker.ts` inside.
  "--root=apps/server/src",
  "apps/server/src/cli/confirma.ts",
  // A worker is its own entry point inside the executable.
  "apps/server/src/process/watchdog-worker.ts",
  "--asset",
  join(staging, "dashboard"),
  "--asset",
  join(staging, "migrations"),
  "--asset",
  join(staging, "pglite-template"),
  ...pgliteFiles.flatMap((file) => ["--asset", join(pglite, file)]),
  "--outfile",
  outfile,
]);
rmSync(staging, { recursive: true, force: true });
console.log(`built ${outfile} (${target})`);
