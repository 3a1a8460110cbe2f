import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import {
  countRowsByTable,
  embeddedDatabaseDir,
  hasEmbeddedDatabase,
  loadEmbeddedDatabase,
  migrationStatus,
  openDatabase,
  otherConnections,
  type DatabaseHandle,
} from "@confirma/db";
import { type Config, mediaSettings } from "../../config/config.ts";
import { backupFormat, type BackupManifest, type DatabaseKind } from "../backup-file.ts";
import { type Command, CommandFailure } from "../command.ts";
import { errorLine, lockEmbeddedDatabase, prepareCommandDataDir, readConfig } from "../command-context.ts";
import { redactUrl } from "../database-url.ts";
import { movedMarkerFile, readMovedMarker } from "../moved-marker.ts";
import { runPostgresTool } from "../postgres-tools.ts";
import { progressOn } from "../progress.ts";
import { holdsMedia, replaceMediaDir, unpackBackupArchive } from "../restore-archive.ts";

export const restoreCommand: Command = {
  name: "restore",
  summary: "replace the database and the media files with a backup",
  help: `usage: confirma restore <file> [--force] [--no-media]

Restores a backup written by \`confirma backup\` into the configured database, and its media
files into MEDIA_DIR. It refuses to replace a database that holds anything, or a MEDIA_DIR that
holds files, unless --force is given (back them up first).

  Embedded database: the backup becomes DATA_DIR's database; the previous one is removed
  only once the backup has been loaded and opened. Stop the server first.
  PostgreSQL (DATABASE_URL set): pg_restore of the pg_dump custom-format dump, in one
  transaction (all or nothing). Stop every server using the database first. Needs pg_restore
  on PATH.

The whole archive is read and checked before anything is replaced; an entry that would land
outside MEDIA_DIR (such as ../) refuses it. MEDIA_DIR is replaced only once the database is
restored, and only by a backup that holds media files: a backup taken with --no-media, or by
an earlier version (the database alone, also restorable), leaves MEDIA_DIR as it is.

A backup of the embedded database goes back to the embedded database; to bring it to
PostgreSQL, restore it without DATABASE_URL, then run \`confirma move-to-postgres\`.

  --force      replace the data that is there
  --no-media   restore the database only, leaving MEDIA_DIR as it is

Exit codes: 0 restored, 1 failed or refused (nothing was changed), 2 bad arguments.`,
  options: { force: { type: "boolean" }, "no-media": { type: "boolean" } },
  positionals: { min: 1, max: 1 },
  async run({ values, positionals }) {
    const config = readConfig();
    const file = resolve(positionals[0]!);
    if (!existsSync(file)) throw new CommandFailure(`${file} does not exist`);
    const format = backupFormat(file);
    if (!format)
      throw new CommandFailure(`${file} is not a Confirma backup (neither a backup archive, a tarball of the embedded database nor a pg_dump archive)`);
    const kind: DatabaseKind = "archive" in format ? format.archive.database : format.databaseOnly;
    const manifest = "archive" in format ? format.archive : null;
    const withMedia = manifest?.media === true && !values["no-media"];
    const restore: Restore = { config, file, manifest, force: values.force === true, mediaDir: withMedia ? mediaSettings(config).dir : null };
    if (config.DATABASE_URL) {
      if (kind !== "postgres") {
        throw new CommandFailure(
          "this is a backup of the embedded database, and DATABASE_URL is set: restore it without DATABASE_URL, then run `confirma move-to-postgres`",
        );
      }
      await restorePostgres(config.DATABASE_URL, restore);
    } else {
      if (kind !== "embedded") throw new CommandFailure("this is a PostgreSQL backup (pg_dump): set DATABASE_URL to the database to restore it into");
      await restoreEmbedded(restore);
    }
    return 0;
  },
};

interface Restore {
  config: Config;
  file: string;
  /** null: a database-only backup from an earlier version. */
  manifest: BackupManifest | null;
  force: boolean;
  /** MEDIA_DIR when this restore replaces it; null when it leaves it alone. */
  mediaDir: string | null;
}

/** The database dump to load and the media folder to put in place, unpacked from the archive. */
interface Unpacked {
  databaseFile: string;
  incomingMedia: string | null;
  mediaFiles: number;
  remove(): void;
}

/**
 * Unpacks the archive beside its targets (the dump into DATA_DIR, the media beside MEDIA_DIR, so
 * that putting it in place is a rename); a database-only backup is used as it is.
 */
async function unpack({ config, file, manifest, mediaDir }: Restore): Promise<Unpacked> {
  if (!manifest) return { databaseFile: file, incomingMedia: null, mediaFiles: 0, remove() {} };
  const databaseFile = join(config.DATA_DIR, `restore-${process.pid}.database`);
  const incomingMedia = mediaDir ? `${mediaDir}.restoring-${process.pid}` : null;
  const remove = () => {
    rmSync(databaseFile, { force: true });
    if (incomingMedia) rmSync(incomingMedia, { recursive: true, force: true });
  };
  remove();
  try {
    if (incomingMedia) {
      mkdirSync(dirname(incomingMedia), { recursive: true, mode: 0o700 });
      mkdirSync(incomingMedia, { mode: 0o700 });
    }
    const { mediaFiles } = await unpackBackupArchive(file, manifest, { databaseFile, mediaDir: incomingMedia });
    return { databaseFile, incomingMedia, mediaFiles, remove };
  } catch (error) {
    remove();
    if (error instanceof CommandFailure) throw error;
    throw new CommandFailure(`${file} could not be unpacked: ${errorLine(error)}`);
  }
}

/** Puts the media in place once the database is restored, and says what happened to MEDIA_DIR. */
async function finishMedia({ config, manifest, mediaDir }: Restore, unpacked: Unpacked): Promise<string> {
  if (mediaDir && unpacked.incomingMedia) {
    await replaceMediaDir(mediaDir, unpacked.incomingMedia);
    return `${unpacked.mediaFiles} media file(s) restored into ${mediaDir}`;
  }
  const why = !manifest ? "the backup holds the database only" : manifest.media ? "--no-media" : "the backup was taken with --no-media";
  return `${mediaSettings(config).dir} left as it is (${why})`;
}

function refuseToReplaceMedia({ mediaDir, force }: Restore): void {
  if (mediaDir && !force && holdsMedia(mediaDir))
    throw new CommandFailure(`${mediaDir} already holds media files: add --force to replace them (back them up first)`);
}

async function restoreEmbedded(restore: Restore): Promise<void> {
  const { config, file, force } = restore;
  prepareCommandDataDir(config);
  const lock = lockEmbeddedDatabase(config, "restore");
  const progress = progressOn();
  try {
    const target = embeddedDatabaseDir(config.DATA_DIR);
    const replacing = hasEmbeddedDatabase(config.DATA_DIR);
    if (replacing && !force) throw new CommandFailure(`${target} already holds a database: add --force to replace it (back it up first)`);
    refuseToReplaceMedia(restore);
    progress.update(`reading ${file}…`);
    const unpacked = await unpack(restore);
    try {
      // Loaded beside the live folder, which is swapped out only once the backup has opened.
      const incoming = join(dirname(target), `pglite.restoring-${process.pid}`);
      rmSync(incoming, { recursive: true, force: true });
      progress.update(`loading the database of ${file}…`);
      let migrations: number;
      try {
        ({ migrations } = await loadEmbeddedDatabase(incoming, Bun.file(unpacked.databaseFile)));
      } catch (error) {
        rmSync(incoming, { recursive: true, force: true });
        throw new CommandFailure(`${file} could not be loaded: ${errorLine(error)}`);
      }
      if (existsSync(target)) {
        const replaced = join(dirname(target), `pglite.replaced-${process.pid}`);
        renameSync(target, replaced);
        renameSync(incoming, target);
        rmSync(replaced, { recursive: true, force: true });
      } else {
        renameSync(incoming, target);
      }
      const media = await finishMedia(restore, unpacked);
      progress.done(
        `Restored ${file} into the embedded database of ${config.DATA_DIR}${replacing ? ", replacing the one that was there" : ""} (${migrations} migrations applied in it; newer ones are applied when the server starts); ${media}.`,
      );
    } finally {
      unpacked.remove();
    }
    if (readMovedMarker(config.DATA_DIR)) {
      console.error(
        `Note: ${movedMarkerFile(config.DATA_DIR)} says this database was moved to PostgreSQL: delete it to run the server on the restored embedded database.`,
      );
    }
  } finally {
    lock?.release();
  }
}

async function restorePostgres(url: string, restore: Restore): Promise<void> {
  const { config, file, force } = restore;
  const progress = progressOn();
  let database: DatabaseHandle;
  try {
    database = await openDatabase({ databaseUrl: url, poolSize: 1, migrate: false });
    await database.ping();
  } catch (error) {
    throw new CommandFailure(`could not reach PostgreSQL at ${redactUrl(url)}: ${errorLine(error)}`);
  }
  try {
    const tables = await countRowsByTable(database.db);
    const status = await migrationStatus(database.db);
    const held = tables.filter((table) => table.rows > 0);
    if ((tables.length > 0 || status.applied > 0) && !force) {
      const what = held.length > 0 ? `data (${held.map((table) => `${table.table}: ${table.rows} rows`).join(", ")})` : `${tables.length} tables`;
      throw new CommandFailure(`${redactUrl(url)} already holds ${what}: add --force to replace it (back it up first)`);
    }
    const others = await otherConnections(database.db);
    if (others > 0) throw new CommandFailure(`${others} other connection(s) are open on ${redactUrl(url)} (a running server?): stop them first`);
  } finally {
    await database.close();
  }
  refuseToReplaceMedia(restore);
  if (restore.manifest) prepareCommandDataDir(config);
  progress.update(`reading ${file}…`);
  const unpacked = await unpack(restore);
  try {
    progress.update(`pg_restore is restoring ${file}…`);
    const clean = force ? ["--clean", "--if-exists"] : [];
    await runPostgresTool("pg_restore", url, ["--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", ...clean, unpacked.databaseFile]);
    const media = await finishMedia(restore, unpacked);
    progress.done(`Restored ${file} into ${redactUrl(url)} with pg_restore${force ? ", replacing what was there" : ""}; ${media}.`);
  } finally {
    unpacked.remove();
  }
}
