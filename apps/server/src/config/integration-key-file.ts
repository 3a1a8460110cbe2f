import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface IntegrationKey {
  key: string;
  /** True when the key was generated now and must be shown to the operator, once. */
  generated: boolean;
}

/** A key replaced by `confirma rotate-key`, still accepted until `acceptedUntil`. */
export interface PreviousKey {
  key: string;
  acceptedUntil: string;
}

/** What `DATA_DIR/secrets.json` holds. */
interface SecretsFile {
  whatsappApiKey?: unknown;
  previousKeys?: unknown;
}

/** The keys the server accepts: the current one, and replaced ones during their grace period. */
export interface IntegrationKeys {
  /** The key to show and hand out now. */
  current(): string;
  /** Every key accepted right now, the current one first. */
  accepted(): readonly string[];
}

/** One key for the life of the process (`WHATSAPP_API_KEY`, tests). */
export function fixedIntegrationKey(key: string): IntegrationKeys {
  const keys = [key];
  return { current: () => key, accepted: () => keys };
}

export function secretsFile(dataDir: string): string {
  return join(dataDir, "secrets.json");
}

/** A new random key: `cfm_` and 32 characters of base64url (192 bits). */
export function generateIntegrationKey(): string {
  return `cfm_${randomBytes(24).toString("base64url")}`;
}

/**
 * The integration key: `WHATSAPP_API_KEY` when set; otherwise the key generated on first
 * start and kept in `DATA_DIR/secrets.json` (mode 0600).
 */
export function loadIntegrationKey(configured: string | undefined, dataDir: string): IntegrationKey {
  if (configured) return { key: configured, generated: false };
  const stored = readSecrets(dataDir);
  if (stored) return { key: stored.key, generated: false };
  const key = generateIntegrationKey();
  writeSecrets(dataDir, key, []);
  return { key, generated: true };
}

/** The stored key and the replaced ones (expired ones included), or null when there is no usable file. */
export function readSecrets(dataDir: string): { key: string; previous: PreviousKey[] } | null {
  const file = secretsFile(dataDir);
  if (!existsSync(file)) return null;
  const stored = JSON.parse(readFileSync(file, "utf8")) as SecretsFile;
  if (typeof stored.whatsappApiKey !== "string" || stored.whatsappApiKey.length < 16) return null;
  const previous = Array.isArray(stored.previousKeys)
    ? stored.previousKeys.filter(
        (entry): entry is PreviousKey =>
          typeof entry?.key === "string" && entry.key.length >= 16 && typeof entry.acceptedUntil === "string" && !Number.isNaN(Date.parse(entry.acceptedUntil)),
      )
    : [];
  return { key: stored.whatsappApiKey, previous };
}

/** Writes the file whole (a temporary file renamed over it): a server reading it never sees half of it. */
export function writeSecrets(dataDir: string, key: string, previous: readonly PreviousKey[]): void {
  mkdirSync(dataDir, { recursive: true });
  const file = secretsFile(dataDir);
  const temporary = `${file}.${process.pid}.tmp`;
  const content: Record<string, unknown> = { whatsappApiKey: key };
  if (previous.length > 0) content.previousKeys = previous;
  writeFileSync(temporary, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
}

/**
 * Replaces the stored key with a new one; the old one stays accepted for `graceMs` (0: refused at
 * once). Keys replaced earlier keep their own deadlines; expired ones are dropped from the file.
 */
export function rotateIntegrationKey(dataDir: string, graceMs: number, now = new Date()): { key: string; previous: PreviousKey[] } {
  const stored = readSecrets(dataDir);
  const key = generateIntegrationKey();
  const stillAccepted = (stored?.previous ?? []).filter((entry) => Date.parse(entry.acceptedUntil) > now.getTime());
  const previous =
    stored && graceMs > 0 ? [{ key: stored.key, acceptedUntil: new Date(now.getTime() + graceMs).toISOString() }, ...stillAccepted] : stillAccepted;
  writeSecrets(dataDir, key, previous);
  return { key, previous };
}

/**
 * The keys of `DATA_DIR/secrets.json`, followed as the file changes: `confirma rotate-key` takes
 * effect in a running server within `checkEveryMs`, without a restart. A replaced key is accepted
 * until its deadline, by the clock given. A file that cannot be read (being edited by hand, say)
 * keeps the keys last read.
 */
export class IntegrationKeyFile implements IntegrationKeys {
  private readonly file: string;
  private readonly now: () => Date;
  private readonly checkEveryMs: number;
  private checkedAt = -Infinity;
  private version = "";
  private key: string;
  private previous: PreviousKey[] = [];

  constructor(
    private readonly dataDir: string,
    { now = () => new Date(), checkEveryMs = 1_000, key }: { now?: () => Date; checkEveryMs?: number; key: string },
  ) {
    this.file = secretsFile(dataDir);
    this.now = now;
    this.checkEveryMs = checkEveryMs;
    this.key = key;
    this.refresh();
  }

  current(): string {
    this.refresh();
    return this.key;
  }

  accepted(): readonly string[] {
    this.refresh();
    const now = this.now().getTime();
    return [this.key, ...this.previous.filter((entry) => Date.parse(entry.acceptedUntil) > now).map((entry) => entry.key)];
  }

  private refresh(): void {
    if (performance.now() - this.checkedAt < this.checkEveryMs) return;
    this.checkedAt = performance.now();
    try {
      const stats = statSync(this.file);
      const version = `${stats.ino}:${stats.size}:${stats.mtimeMs}`;
      if (version === this.version) return;
      const stored = readSecrets(this.dataDir);
      if (!stored) return;
      this.version = version;
      this.key = stored.key;
      this.previous = stored.previous;
    } catch {
      // Missing or half-written by hand: keep what was read last.
    }
  }
}
