import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface IntegrationKey {
  key: string;
  /** True when the key was generated now and must be shown to the operator, once. */
  generated: boolean;
}

/**
 * The integration key: `WHATSAPP_API_KEY` when set; otherwise the key generated on first
 * start and kept in `DATA_DIR/secrets.json` (mode 0600).
 */
export function loadIntegrationKey(configured: string | undefined, dataDir: string): IntegrationKey {
  if (configured) return { key: configured, generated: false };
  const file = join(dataDir, "secrets.json");
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, "utf8")) as { whatsappApiKey?: unknown };
    if (typeof stored.whatsappApiKey === "string" && stored.whatsappApiKey.length >= 16) {
      return { key: stored.whatsappApiKey, generated: false };
    }
  }
  mkdirSync(dataDir, { recursive: true });
  const key = `cfm_${randomBytes(24).toString("base64url")}`;
  writeFileSync(file, `${JSON.stringify({ whatsappApiKey: key }, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return { key, generated: true };
}
