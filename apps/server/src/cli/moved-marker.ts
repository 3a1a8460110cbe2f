import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Left in DATA_DIR by `confirma move-to-postgres`: the embedded database is no longer the live one. */
export interface MovedMarker {
  at: string;
  /** Where the data went (password removed). */
  to: string;
}

export function movedMarkerFile(dataDir: string): string {
  return join(dataDir, "moved-to-postgres.json");
}

export function readMovedMarker(dataDir: string): MovedMarker | null {
  const file = movedMarkerFile(dataDir);
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, "utf8")) as MovedMarker;
  } catch {
    return { at: "an unknown date", to: "PostgreSQL" };
  }
}

export function writeMovedMarker(dataDir: string, marker: MovedMarker): void {
  writeFileSync(movedMarkerFile(dataDir), `${JSON.stringify(marker, null, 2)}\n`, { mode: 0o600 });
}

/** Why the embedded database must not be used again, in one line. */
export function movedMessage(dataDir: string, marker: MovedMarker): string {
  return `the embedded database in ${dataDir} was moved to PostgreSQL (${marker.to}) on ${marker.at}: set DATABASE_URL to run on it, or delete ${movedMarkerFile(dataDir)} to go back to the embedded database (without what changed on PostgreSQL since)`;
}
