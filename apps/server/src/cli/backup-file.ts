import { closeSync, openSync, readSync } from "node:fs";

export type DatabaseKind = "embedded" | "postgres";

/** The first entry of a backup archive: what it holds. */
export const MANIFEST_ENTRY = "confirma-backup.json";

/** The archive entry holding the database dump, by kind (each is, alone, what older backups were). */
export const DATABASE_ENTRY: Record<DatabaseKind, string> = { embedded: "database.tar.gz", postgres: "database.pgdump" };

/** What `confirma backup` writes first into its archive. */
export interface BackupManifest {
  format: "confirma-backup";
  version: 1;
  database: DatabaseKind;
  /** False for `--no-media`: restoring it leaves MEDIA_DIR as it is. */
  media: boolean;
}

/**
 * What a backup file holds, from its first bytes: an archive written by `confirma backup` (a tar
 * whose first entry is the manifest), or a database alone as older versions wrote it (a gzipped
 * or plain tarball of the embedded database's data directory, or a pg_dump custom-format archive,
 * `PGDMP`); null when it is none of these.
 */
export type BackupFormat = { archive: BackupManifest } | { databaseOnly: DatabaseKind } | null;

export function backupFormat(file: string): BackupFormat {
  // The manifest is small: its tar header and its one data block are the first 1,024 bytes.
  const head = new Uint8Array(1024);
  const fd = openSync(file, "r");
  let read: number;
  try {
    read = readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  const text = (from: number, to: number) => new TextDecoder().decode(head.subarray(from, to));
  if (read >= 5 && text(0, 5) === "PGDMP") return { databaseOnly: "postgres" };
  if (read >= 2 && head[0] === 0x1f && head[1] === 0x8b) return { databaseOnly: "embedded" };
  if (read < 262 || text(257, 262) !== "ustar") return null;
  if (text(0, 100).replace(/\0.*$/s, "") !== MANIFEST_ENTRY) return { databaseOnly: "embedded" };
  const size = Number.parseInt(text(124, 136).replace(/\0.*$/s, "").trim(), 8);
  const manifest = read >= 512 + size ? parseManifest(text(512, 512 + size)) : null;
  return manifest ? { archive: manifest } : null;
}

function parseManifest(json: string): BackupManifest | null {
  try {
    const value = JSON.parse(json) as Partial<BackupManifest>;
    const known = value.format === "confirma-backup" && value.version === 1 && (value.database === "embedded" || value.database === "postgres");
    return known && typeof value.media === "boolean" ? (value as BackupManifest) : null;
  } catch {
    return null;
  }
}

/** `12582912` → `12.0 MB`. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}
