import { chmodSync, existsSync, renameSync, rmSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { dumpEmbeddedDatabase, hasEmbeddedDatabase } from "@confirma/db";
import { fileSize } from "../backup-file.ts";
import { type Command, CommandFailure } from "../command.ts";
import { errorLine, lockEmbeddedDatabase, prepareCommandDataDir, readConfig } from "../command-context.ts";
import { redactUrl } from "../database-url.ts";
import { postgresToolVersion, runPostgresTool } from "../postgres-tools.ts";
import { progressOn } from "../progress.ts";

export const backupCommand: Command = {
  name: "backup",
  summary: "write the whole database to one file",
  help: `usage: confirma backup <file> [--force]

Writes the whole database to <file> (mode 0600: it holds password hashes and store secrets).

  Embedded database: a gzipped tarball of its data directory (PGlite's dumpDataDir). The
  embedded database can be opened by one process at a time, so stop the server first; the
  command says so when it is running. Takes a few seconds for a small shop.
  PostgreSQL (DATABASE_URL set): pg_dump's custom format (pg_dump -Fc), one consistent
  snapshot taken while the server keeps running. Needs pg_dump on PATH, of the server's
  major version or newer.

The integration key (DATA_DIR/secrets.json) is not in the backup: keep a copy of it, or set
WHATSAPP_API_KEY, so integrations keep working on a new machine.

  --force   replace <file> if it exists

Exit codes: 0 written, 1 failed (nothing is left at <file>), 2 bad arguments.`,
  options: { force: { type: "boolean" } },
  positionals: { min: 1, max: 1 },
  async run({ values, positionals }) {
    const config = readConfig();
    const file = resolve(positionals[0]!);
    if (existsSync(file) && !values.force) throw new CommandFailure(`${file} exists: add --force to replace it`);
    const partial = `${file}.partial`;
    const progress = progressOn();
    const started = performance.now();
    let how: string;
    try {
      if (config.DATABASE_URL) {
        const version = await postgresToolVersion("pg_dump");
        progress.update(`pg_dump ${version ?? ""} is writing ${redactUrl(config.DATABASE_URL)}…`);
        await runPostgresTool("pg_dump", config.DATABASE_URL, ["--format=custom", `--file=${partial}`]);
        how = `PostgreSQL ${redactUrl(config.DATABASE_URL)}, with pg_dump ${version ?? ""} (custom format: restore with \`confirma restore\` or pg_restore)`;
      } else {
        prepareCommandDataDir(config);
        const lock = lockEmbeddedDatabase(config, "backup");
        try {
          if (!hasEmbeddedDatabase(config.DATA_DIR)) throw new CommandFailure(`there is no embedded database in ${config.DATA_DIR} yet: nothing to back up`);
          progress.update("reading the embedded database…");
          const tarball = await dumpEmbeddedDatabase(config.DATA_DIR);
          await Bun.write(partial, tarball);
        } finally {
          lock?.release();
        }
        how = `the embedded database of ${config.DATA_DIR} (a gzipped tarball of its data directory)`;
      }
      chmodSync(partial, 0o600);
      renameSync(partial, file);
    } catch (error) {
      rmSync(partial, { force: true });
      if (error instanceof CommandFailure) throw error;
      throw new CommandFailure(`the backup failed: ${errorLine(error)}`);
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    progress.done(`Backed up ${how}.`);
    console.log(`${file} (${fileSize(statSync(file).size)}, ${seconds} s)`);
    return 0;
  },
};
