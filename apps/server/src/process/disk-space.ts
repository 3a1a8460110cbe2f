import { statfsSync } from "node:fs";

export interface DiskSpaceOptions {
  /** The folder whose file system is watched (DATA_DIR). */
  dir: string;
  /** Below this many free bytes, writes are refused; 0 = never. */
  minFreeBytes: number;
  /** How long a measure is trusted (statfs is cheap, but not on every request). */
  maxAgeMs?: number;
}

/** `67108864` → `64 MB`. */
export function formatBytes(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GB` : `${Math.floor(bytes / 1024 ** 2)} MB`;
}

/**
 * Free space on DATA_DIR's file system, measured at most every `maxAgeMs`. The embedded
 * database cannot survive a full disk (it spins forever when a new WAL segment does not fit),
 * so writes stop while less than `minFreeBytes` is left, before PGlite ever meets the wall.
 */
export class DiskSpace {
  readonly dir: string;
  readonly minFreeBytes: number;
  private readonly maxAgeMs: number;
  private measuredAt = -Infinity;
  private freeBytes = Infinity;

  constructor({ dir, minFreeBytes, maxAgeMs = 1_000 }: DiskSpaceOptions) {
    this.dir = dir;
    this.minFreeBytes = minFreeBytes;
    this.maxAgeMs = maxAgeMs;
  }

  /** Free bytes for this process's user (a fresh measure when the last one is too old). */
  free(): number {
    if (performance.now() - this.measuredAt >= this.maxAgeMs) {
      try {
        const stats = statfsSync(this.dir);
        this.freeBytes = stats.bavail * stats.bsize;
      } catch {
        // The folder vanished or cannot be read: the database will say what is wrong.
        this.freeBytes = Infinity;
      }
      this.measuredAt = performance.now();
    }
    return this.freeBytes;
  }

  /** Why writes are refused now, or undefined while there is room. */
  shortage(): string | undefined {
    if (this.minFreeBytes <= 0) return undefined;
    const free = this.free();
    if (free >= this.minFreeBytes) return undefined;
    return `the disk holding the data is almost full (${formatBytes(free)} free, at least ${formatBytes(this.minFreeBytes)} needed): changes are refused until space is freed`;
  }
}
