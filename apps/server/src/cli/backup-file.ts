import { closeSync, openSync, readSync } from "node:fs";

export type BackupKind = "embedded" | "postgres" | "unknown";

/**
 * What a backup file holds, from its first bytes: a gzipped (or plain) tarball of the embedded
 * database's data directory, or a pg_dump custom-format archive (`PGDMP`).
 */
export function backupKind(file: string): BackupKind {
  const head = new Uint8Array(512);
  const fd = openSync(file, "r");
  let read: number;
  try {
    read = readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  const text = (from: number, to: number) => new TextDecoder().decode(head.subarray(from, to));
  if (read >= 5 && text(0, 5) === "PGDMP") return "postgres";
  if (read >= 2 && head[0] === 0x1f && head[1] === 0x8b) return "embedded";
  if (read >= 262 && text(257, 262) === "ustar") return "embedded";
  return "unknown";
}

/** `12582912` → `12.0 MB`. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}
