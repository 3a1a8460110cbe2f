import { chmodSync, existsSync, renameSync, rmSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { dumpEmbeddedDatabase, hasEmbeddedDatabase } from "@confirma/db";
import { mediaSettings } from "../../config/config.ts";
import { writeBackupArchive } from "../backup-archive.ts";
import { fileSize } from "../backup-file.ts";
import { type Command, CommandFailure } from "../command.ts";
import { errorLine, lockEmbeddedDatabase, prepareCommandDataDir, readConfig } from "../command-context.ts";
import { redactUrl } from "../database-url.ts";
import { postgresToolVersion, runPostgresTool } from "../postgres-tools.ts";
import { progressOn } from "../progress.ts";

export const backupCommand: Command = {
  name: "backup",
  summary: "write the whole database and the media files to one file",
  help: `usage: confirma backup <file> [--force] [--no-media]

Writes the whole database and the media files (MEDIA_DIR: voice notes, photos, documents) to
<file> (mode 0600: it holds password hashes and store secrets). The file is a tar archive: a
manifest, the database dump, then the media files under media/, each streamed from disk.

  Embedded database: the dump is a gzipped tarball of its data directory (PGlite's
  dumpDataDir). The embedded database can be opened by one process at a time, so stop the
  server first; the command says so when it is running. Takes a few seconds for a small shop.
  PostgreSQL (DATABASE_URL set): the dump is pg_dump's custom format (pg_dump -Fc), one
  consistent snapshot taken while the server keeps running; the media files are read after
  it. Needs pg_dump on PATH, of the server's major version or newer. To hand the dump to
  pg_restore yourself: tar -xf <file> database.pgdump

The integration key (DATA_DIR/secrets.json) is not in the backup: keep a copy of it, or set
WHATSAPP_API_KEY, so integrations keep working on a new machine.

  --force      replace <file> if it exists
  --no-media   leave the media files out (when MEDIA_DIR is backed up another way);
               restoring such a backup leaves MEDIA_DIR as it is

Exit codes: 0 written, 1 failed (nothing is left at <file>), 2 bad arguments.`,
  options: { force: { type: "boolean" }, "no-media": { type: "boolean" } },
  positionals: { min: 1, max: 1 },
  async run({ values, positionals }) {
    const config = readConfig();
    const file = resolve(positionals[0]!);
    if (existsSync(file) && !values.force) throw new CommandFailure(`${file} exists: add --force to replace it`);
    const partial = `${file}.partial`;
    // pg_dump writes beside the archive; the archive then streams it in.
    const dumpFile = `${file}.database.partial`;
    const mediaDir = values["no-media"] ? null : mediaSettings(config).dir;
    const progress = progressOn();
    const started = performance.now();
    let how: string;
    let media: { mediaFiles: number; mediaBytes: number };
    try {
      if (config.DATABASE_URL) {
        const version = await postgresToolVersion("pg_dump");
        progress.update(`pg_dump ${version ?? ""} is writing ${redactUrl(config.DATABASE_URL)}…`);
        await runPostgresTool("pg_dump", config.DATABASE_URL, ["--format=custom", `--file=${dumpFile}`]);
        progress.update(mediaDir ? `adding the media files of ${mediaDir}…` : "writing the archive…");
        media = await writeBackupArchive(partial, { database: "postgres", dump: dumpFile, mediaDir });
        how = `PostgreSQL ${redactUrl(config.DATABASE_URL)}, with pg_dump ${version ?? ""} (custom format)`;
      } else {
        prepareCommandDataDir(config);
        const lock = lockEmbeddedDatabase(config, "backup");
        try {
          if (!hasEmbeddedDatabase(config.DATA_DIR)) throw new CommandFailure(`there is no embedded database in ${config.DATA_DIR} yet: nothing to back up`);
          progress.update("reading the embedded database…");
          const tarball = await dumpEmbeddedDatabase(config.DATA_DIR);
          progress.update(mediaDir ? `adding the media files of ${mediaDir}…` : "writing the archive…");
          // Under the lock: the server, which writes media files, is not running meanwhile.
          media = await writeBackupArchive(partial, { database: "embedded", dump: tarball, mediaDir });
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
    } finally {
      rmSync(dumpFile, { force: true });
    }
    const files = mediaDir ? `${media.mediaFiles} media file(s) of ${mediaDir} (${fileSize(media.mediaBytes)})` : "no media files (--no-media)";
    how = `${how} and ${files}`;
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    progress.done(`Backed up ${how}.`);
    console.log(`${file} (${fileSize(statSync(file).size)}, ${seconds} s)`);
    return 0;
  },
};
