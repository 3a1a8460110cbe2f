import { ensureFirstAdmin } from "@confirma/api";
import { openDatabase } from "@confirma/db";
import { ConfigError, loadConfig, minFreeSpace, type Config } from "../../config/config.ts";
import { IntegrationKeyFile, fixedIntegrationKey, loadIntegrationKey } from "../../config/integration-key-file.ts";
import { createLogger } from "../../logging/logger.ts";
import { firstAdminBanner, generatedKeyBanner, listeningUrl, startupNotice } from "../../logging/startup-notice.ts";
import { metricsRoutes } from "../../metrics/metrics-routes.ts";
import { createOutboundSender } from "../../outbound/create-outbound.ts";
import { DataDirError, fileSystemCause, prepareDataDir } from "../../process/data-dir.ts";
import { startWatchdog } from "../../process/watchdog.ts";
import { createServer } from "../../server/create-server.ts";
import type { Command } from "../command.ts";
import { acquireDataDirLock, DataDirBusyError } from "../data-dir-lock.ts";
import { movedMessage, readMovedMarker } from "../moved-marker.ts";

export const startCommand: Command = {
  name: "start",
  summary: "run the server (what `bun run start` does)",
  help: `usage: confirma start

Runs the Confirma server with the configuration of the environment (PORT, DATA_DIR,
DATABASE_URL, …) until it receives SIGTERM or SIGINT, then stops gracefully.

With the embedded database, one process at a time may use DATA_DIR: start refuses while
another server or command holds it.`,
  async run() {
    await startServer();
    // Runs until a signal stops the process.
    return new Promise<number>(() => {});
  },
};

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
async function orExit<T>(config: Config, open: () => T | Promise<T>): Promise<T> {
  try {
    return await open();
  } catch (error) {
    const cause = fileSystemCause(error);
    const message =
      error instanceof DataDirError || error instanceof DataDirBusyError
        ? error.message
        : cause
          ? `DATA_DIR ${config.DATA_DIR} is not usable: ${cause}`
          : `the database could not be opened: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`;
    console.error(`confirma: ${message}`);
    process.exit(1);
  }
}

/**
 * The server process: configuration, DATA_DIR, the database, listening, and a graceful stop on
 * SIGTERM / SIGINT (which ends the process). `main.ts` and `confirma start` both run it.
 */
export async function startServer(): Promise<void> {
  const { config, logger, sender } = configure();
  await orExit(config, () => prepareDataDir(config.DATA_DIR, { minFreeBytes: minFreeSpace(config) }));
  // The embedded database is one process's at a time, and no longer the live one once moved.
  const lock = config.DATABASE_URL ? undefined : await orExit(config, () => acquireDataDirLock(config.DATA_DIR, "start"));
  const moved = config.DATABASE_URL ? null : readMovedMarker(config.DATA_DIR);
  if (moved) {
    console.error(`confirma: ${movedMessage(config.DATA_DIR, moved)}`);
    process.exit(1);
  }
  const { key: integrationKey, generated } = loadIntegrationKey(config.WHATSAPP_API_KEY, config.DATA_DIR);
  // A key kept in DATA_DIR may be rotated while the server runs (`confirma rotate-key`).
  const integrationKeys = config.WHATSAPP_API_KEY ? fixedIntegrationKey(integrationKey) : new IntegrationKeyFile(config.DATA_DIR, { key: integrationKey });
  const database = await orExit(config, () => openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR }));
  const confirma = await createServer(config, database, { integrationKey: integrationKeys, logger, sender });
  const firstAdmin = await ensureFirstAdmin(database.db, { email: config.ADMIN_EMAIL, password: config.ADMIN_PASSWORD });

  const server = Bun.serve({
    port: config.PORT,
    hostname: config.HOST,
    fetch: (request, bunServer) => confirma.app.fetch(request, { server: bunServer }),
    // Event streams send a ping every 5 s; 30 s leaves room without keeping dead sockets long.
    idleTimeout: 30,
    maxRequestBodySize: 2 * 1024 * 1024,
  });
  // METRICS_PORT: the metrics on a port of their own, reachable from this machine only.
  const metricsServer =
    config.METRICS_PORT === undefined
      ? undefined
      : Bun.serve({
          port: config.METRICS_PORT,
          hostname: "127.0.0.1",
          fetch: metricsRoutes({ metrics: confirma.metrics, token: config.METRICS_TOKEN }).fetch,
        });
  await confirma.start();
  const stopWatchdog = config.WATCHDOG_TIMEOUT ? startWatchdog({ timeoutMs: config.WATCHDOG_TIMEOUT }) : () => {};

  // Signals are ours before anything says the server is up: a stop sent as soon as it reads
  // "listening" shuts down cleanly (exit 0), never by the default action.
  let stopping = false;
  async function shutdown(signal: string) {
    if (stopping) return;
    stopping = true;
    confirma.beginDraining();
    logger.info("shutting down", { signal });
    // Answers from now on close their connection. Requests already sent on open connections may
    // still sit unread in their sockets (the loop was busy), or be on their way from a client that
    // read its last keep-alive answer just before: read on until requests stop coming, since
    // stopping the server closes every connection that looks idle, with whatever it holds.
    await confirma.settle({ quietMs: 100, maxMs: 2_000 });
    // Stop accepting, let in-flight requests and the job in hand finish (event streams are cut after 5 s).
    const drained = Promise.all([server.stop(false), confirma.stopJobs()]);
    await Promise.race([drained, Bun.sleep(5_000)]);
    stopWatchdog();
    await confirma.close();
    await server.stop(true);
    await metricsServer?.stop(true);
    await database.close();
    lock?.release();
    logger.info("stopped", { signal });
    process.exit(0);
  }
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));

  // On a terminal, one block at the end tells a person what to open and what was generated;
  // piped (a service, a container), the lines stay as machines read them.
  const interactive = process.stdout.isTTY === true;
  if (generated && !interactive) console.error(generatedKeyBanner(integrationKey, config.DATA_DIR));
  if (firstAdmin) {
    logger.info("first admin created", { email: firstAdmin.email });
    if (firstAdmin.generatedPassword && !interactive) console.error(firstAdminBanner(firstAdmin.email, firstAdmin.generatedPassword));
  }
  const url = listeningUrl(config.HOST, server.port!);
  lock?.update({ url });
  logger.info("listening", {
    url,
    database: database.kind,
    sender: sender.name,
  });
  if (interactive)
    process.stdout.write(
      startupNotice({ url: config.PUBLIC_URL ?? url, firstAdmin, generatedKey: generated ? integrationKey : null, dataDir: config.DATA_DIR }),
    );
}
