import { pruneExpired, type PruneResult } from "@confirma/api";
import { retentionPolicy } from "../../config/config.ts";
import type { Command } from "../command.ts";
import { readConfig, withDatabase } from "../command-context.ts";
import { count, progressOn } from "../progress.ts";

export const pruneCommand: Command = {
  name: "prune",
  summary: "delete what the retention periods no longer keep (--dry-run to see first)",
  help: `usage: confirma prune [--dry-run]

Deletes the records older than their retention period, in batches of 1,000 rows (each a short
transaction, so a running PostgreSQL server keeps ingesting): webhook receipts
(RETENTION_WEBHOOK_RECEIPTS, default 30d, at least 8d), change events (RETENTION_CHANGE_EVENTS,
default 7d), outbound webhook deliveries that were delivered or gave up
(RETENTION_OUTBOUND_DELIVERIES, default 30d), audit entries (RETENTION_AUDIT, default 365d), and
the text of messages of customers without open orders (RETENTION_MESSAGE_BODIES, default off).
The server does the same every hour by itself; this command is for a first clean-up or a check.

  --dry-run   count what would be deleted, delete nothing

With the embedded database the server must be stopped (DATA_DIR is one process's at a time).
Exit codes: 0 done, 1 failed, 2 bad arguments.`,
  options: { "dry-run": { type: "boolean" } },
  async run({ values }) {
    const config = readConfig();
    const dryRun = values["dry-run"] === true;
    const policy = retentionPolicy(config);
    const progress = progressOn();
    const results = await withDatabase(config, "prune", (database) =>
      pruneExpired(database.db, policy, {
        dryRun,
        onProgress: (result) => progress.update(`${result.label}: ${count(result.count)}…`),
      }),
    );
    for (const result of results) console.log(describe(result, dryRun));
    const total = results.reduce((sum, result) => sum + result.count, 0);
    progress.done(dryRun ? `Dry run: ${count(total)} records would be pruned; nothing was deleted.` : `Pruned ${count(total)} records.`);
    return 0;
  },
};

function describe(result: PruneResult, dryRun: boolean): string {
  if (!result.cutoff) return `${result.label}: kept (no retention period)`;
  const verb = result.name === "message_bodies" ? (dryRun ? "would be emptied" : "emptied") : dryRun ? "would be deleted" : "deleted";
  return `${result.label}: ${count(result.count)} ${verb} (older than ${result.cutoff.toISOString()})`;
}
