import { parseDuration } from "@confirma/api";
import { readSecrets, rotateIntegrationKey, secretsFile } from "../../config/integration-key-file.ts";
import { type Command, CommandFailure, textOption, UsageError } from "../command.ts";
import { prepareCommandDataDir, readConfig } from "../command-context.ts";

/** Long enough to update a provider's webhook settings and the scripts that call the API, on a working day. */
export const DEFAULT_GRACE = "24h";

export const rotateKeyCommand: Command = {
  name: "rotate-key",
  summary: "replace the integration key; the old one keeps working for a grace period",
  help: `usage: confirma rotate-key [--grace <duration>]

Writes a new integration key to DATA_DIR/secrets.json and prints it once. The previous key
stays accepted for the grace period (default ${DEFAULT_GRACE}; 0s refuses it at once), so
the WhatsApp provider's webhook settings and the scripts using the REST API can be moved to
the new key without losing a delivery. A running server picks the new key up within a
second: no restart. Keys replaced earlier keep their own deadlines.

  --grace <duration>   how long the old key is still accepted: 30m, 24h, 7d, 0s

With WHATSAPP_API_KEY set in the environment the key is not kept in DATA_DIR: rotate it
there (set a new value and restart). Exit codes: 0 rotated, 1 failed, 2 bad arguments.`,
  options: { grace: { type: "string" } },
  async run({ values }) {
    const config = readConfig();
    const graceText = textOption(values, "grace", DEFAULT_GRACE)!;
    const graceMs = parseDuration(graceText);
    if (graceMs === null) throw new UsageError(`--grace must be a duration such as 30m, 24h or 7d (got ${JSON.stringify(graceText)})`);
    if (config.WHATSAPP_API_KEY) {
      throw new CommandFailure(
        "WHATSAPP_API_KEY is set in the environment, so the key is not kept in DATA_DIR: rotate it there (set the new value and restart the server; the old value stops working at once)",
      );
    }
    prepareCommandDataDir(config);
    let hadKey: boolean;
    try {
      hadKey = readSecrets(config.DATA_DIR) !== null;
    } catch {
      throw new CommandFailure(`${secretsFile(config.DATA_DIR)} cannot be read (not JSON): fix or remove it first`);
    }
    const now = new Date();
    const { key, previous } = rotateIntegrationKey(config.DATA_DIR, graceMs, now);
    console.log(`New integration key (shown this once): ${key}`);
    const old = previous.find((entry) => Date.parse(entry.acceptedUntil) === now.getTime() + graceMs);
    if (!hadKey) console.error("There was no key yet: this one is the first.");
    else if (old) console.error(`The previous key is accepted until ${old.acceptedUntil} (${graceText}): send the new one from your integrations before then.`);
    else console.error("The previous key is refused from now on.");
    console.error("A running server uses the new key within a second; no restart is needed.");
    return 0;
  },
};
