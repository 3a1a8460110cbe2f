import { ChangeFeed, confirmationJobHandlers, ensureFirstAdmin, JobRunner, LoginThrottle, type Services } from "@confirma/api";
import { compactCounters, openDatabase } from "@confirma/db";
import { createApp } from "./app.ts";
import { ConfigError, confirmationDefaults, loadConfig, minFreeSpace } from "./config/config.ts";
import { loadIntegrationKey } from "./config/integration-key.ts";
import { describeError } from "./logging/describe-error.ts";
import { createLogger } from "./logging/logger.ts";
import { firstAdminBanner, generatedKeyBanner, listeningUrl, startupNotice } from "./logging/startup-notice.ts";
import { createOutboundSender } from "./outbound/create-outbound.ts";
import { DataDirError, fileSystemCause, prepareDataDir } from "./process/data-dir.ts";
import { DiskSpace } from "./process/disk-space.ts";
import { startWatchdog } from "./process/watchdog.ts";
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

/** A DATA_DIR or database that cannot be used ends the process with one line saying why. */
async function orExit<T>(open: () => T | Promise<T>): Promise<T> {
  try {
    return await open();
  } catch (error) {
    const cause = fileSystemCause(error);
    const message =
      error instanceof DataDirError
        ? error.message
        : cause
          ? `DATA_DIR ${config.DATA_DIR} is not usable: ${cause}`
          : `the database could not be opened: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`;
    console.error(`confirma: ${message}`);
    process.exit(1);
  }
}

const { config, logger, sender } = configure();
await orExit(() => prepareDataDir(config.DATA_DIR, { minFreeBytes: minFreeSpace(config) }));
const { key: integrationKey, generated } = loadIntegrationKey(config.WHATSAPP_API_KEY, config.DATA_DIR);
const database = await orExit(() => openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR }));
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

const diskSpace = new DiskSpace({ dir: config.DATA_DIR, minFreeBytes: minFreeSpace(config) });
let stopping = false;
const app = createApp({
  config,
  database,
  diskSpace,
  draining: () => stopping,
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
const stopWatchdog = config.WATCHDOG_TIMEOUT ? startWatchdog({ timeoutMs: config.WATCHDOG_TIMEOUT }) : () => {};

// Background jobs write too: they pause while the disk is almost full (requests are refused meanwhile).
let jobsPaused: Promise<void> | undefined;
const diskWatch = setInterval(() => {
  const shortage = diskSpace.shortage();
  if (shortage && !jobsPaused) {
    logger.warn("disk almost full: changes refused, jobs paused", { dataDir: config.DATA_DIR, freeBytes: diskSpace.free() });
    jobsPaused = jobRunner.stop();
  } else if (!shortage && jobsPaused && !stopping) {
    const paused = jobsPaused;
    jobsPaused = undefined;
    logger.info("disk space back: jobs resumed", { freeBytes: diskSpace.free() });
    void paused.then(() => (stopping ? undefined : jobRunner.start()));
  }
}, 5_000);

// Each connection counts in its own slot; folding them keeps the overview's counters small.
let compacting: Promise<void> = Promise.resolve();
const compaction = setInterval(() => {
  if (diskSpace.shortage()) return;
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

async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info("shutting down", { signal });
  // Answers from now on close their connection. Requests already sent on open connections may
  // still sit unread in their sockets (the loop was busy): a short turn reads them, since
  // stopping the server closes every connection that looks idle, with whatever it holds.
  await Bun.sleep(100);
  // Stop accepting, let in-flight requests and the job in hand finish (event streams are cut after 5 s).
  const drained = Promise.all([server.stop(false), jobsPaused ?? jobRunner.stop()]);
  await Promise.race([drained, Bun.sleep(5_000)]);
  clearInterval(compaction);
  clearInterval(diskWatch);
  stopWatchdog();
  await compacting;
  await changeFeed.stop();
  await server.stop(true);
  await database.close();
  logger.info("stopped", { signal });
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
