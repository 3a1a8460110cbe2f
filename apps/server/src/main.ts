import { ChangeFeed, confirmationJobHandlers, ensureFirstAdmin, JobRunner, LoginThrottle, type Services } from "@confirma/api";
import { compactCounters, openDatabase } from "@confirma/db";
import { createApp } from "./app.ts";
import { ConfigError, confirmationDefaults, loadConfig } from "./config/config.ts";
import { loadIntegrationKey } from "./config/integration-key.ts";
import { describeError } from "./logging/describe-error.ts";
import { createLogger } from "./logging/logger.ts";
import { firstAdminBanner, generatedKeyBanner, listeningUrl, startupNotice } from "./logging/startup-notice.ts";
import { createOutboundSender } from "./outbound/create-outbound.ts";
import { RecentRejects } from "./webhook/recent-rejects.ts";

/** Reads the configuration; a bad value ends the process with one line naming the variable. */
function configure() {
  try {
    const config = loadConfig(process.env);
    const logger = createLogger({ level: config.LOG_LEVEL });
    return { config, logger, sender: createOutboundSender(config, logger) };
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`confirma: configuration error: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}

const { config, logger, sender } = configure();
const { key: integrationKey, generated } = loadIntegrationKey(config.WHATSAPP_API_KEY, config.DATA_DIR);
const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
const changeFeed = new ChangeFeed(database.db, database.listen);
await changeFeed.start();
const firstAdmin = await ensureFirstAdmin(database.db, { email: config.ADMIN_EMAIL, password: config.ADMIN_PASSWORD });

const services: Services = {
  db: database.db,
  settings: { defaultCountry: config.DEFAULT_COUNTRY, defaultCurrency: config.DEFAULT_CURRENCY, confirmation: confirmationDefaults(config) },
};
const MAX_ATTEMPTS = 6;
const flow = confirmationJobHandlers({ services, sender, maxAttempts: MAX_ATTEMPTS });
const jobRunner = new JobRunner({
  db: database.db,
  listen: database.listen,
  handlers: flow.handlers,
  onInterrupted: flow.onInterrupted,
  maxAttempts: MAX_ATTEMPTS,
  onError: (error, job) => logger.error("job failed", { jobId: job?.id, kind: job?.kind, err: describeError(error) }),
});

const app = createApp({
  config,
  database,
  integrationKey,
  logger,
  changeFeed,
  loginThrottle: new LoginThrottle(),
  recentRejects: new RecentRejects(),
  outboundProvider: sender.provider,
  services,
});

const server = Bun.serve({
  port: config.PORT,
  hostname: config.HOST,
  fetch: (request, bunServer) => app.fetch(request, { server: bunServer }),
  // Event streams send a ping every 5 s; 30 s leaves room without keeping dead sockets long.
  idleTimeout: 30,
  maxRequestBodySize: 2 * 1024 * 1024,
});
await jobRunner.start();

// Each connection counts in its own slot; folding them keeps the overview's counters small.
let compacting: Promise<void> = Promise.resolve();
const compaction = setInterval(() => {
  compacting = compactCounters(database.db).catch((error: unknown) =>
    logger.warn("counter compaction failed", { err: describeError(error) }),
  );
}, 10 * 60_000);

// On a terminal, one block at the end tells a person what to open and what was generated;
// piped (a service, a container), the lines stay as machines read them.
const interactive = process.stdout.isTTY === true;
if (generated && !interactive) console.error(generatedKeyBanner(integrationKey, config.DATA_DIR));
if (firstAdmin) {
  logger.info("first admin created", { email: firstAdmin.email });
  if (firstAdmin.generatedPassword && !interactive) console.error(firstAdminBanner(firstAdmin.email, firstAdmin.generatedPassword));
}
const url = listeningUrl(config.HOST, server.port!);
logger.info("listening", {
  url,
  database: database.kind,
  sender: sender.name,
});
if (interactive) process.stdout.write(startupNotice({ url: config.PUBLIC_URL ?? url, firstAdmin, generatedKey: generated ? integrationKey : null, dataDir: config.DATA_DIR }));

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info("shutting down", { signal });
  // Stop accepting, let in-flight requests and the job in hand finish (event streams are cut after 5 s).
  const drained = Promise.all([server.stop(false), jobRunner.stop()]);
  await Promise.race([drained, Bun.sleep(5_000)]);
  clearInterval(compaction);
  await compacting;
  await changeFeed.stop();
  await server.stop(true);
  await database.close();
  logger.info("stopped", { signal });
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
