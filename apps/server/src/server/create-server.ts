import { ChangeFeed, confirmationJobHandlers, JobRunner, LoginThrottle, pruneExpired, storeWriteBackHandler, type Services } from "@confirma/api";
import type { StoreFetch } from "@confirma/stores";
import { compactCounters, type DatabaseHandle } from "@confirma/db";
import { DEFAULT_GRAPH_URL, DEFAULT_GRAPH_VERSION, type OutboundSender } from "@confirma/whatsapp";
import { createApp } from "../app.ts";
import type { AppDeps } from "../app-env.ts";
import { fixedIntegrationKey, type IntegrationKeys } from "../config/integration-key-file.ts";
import { describeError } from "../logging/describe-error.ts";
import { createLogger, type Logger } from "../logging/logger.ts";
import { listeningUrl } from "../logging/startup-notice.ts";
import { mediaFetchHandler } from "../media/media-fetch-handler.ts";
import { sweepExpiredMedia, sweepOrphanMedia } from "../media/media-retention.ts";
import { MediaStore } from "../media/media-store.ts";
import { confirmationDefaults, mediaSettings, minFreeSpace, retentionPolicy, type Config } from "../config/config.ts";
import type { ServerMetrics } from "../metrics/server-metrics.ts";
import { countingSender } from "../metrics/counting-sender.ts";
import { createOutboundSender } from "../outbound/create-outbound.ts";
import { checkOutboundUrl, createGuardedFetch } from "../outbound/guarded-fetch.ts";
import { WebhookDispatcher } from "../outbound/webhook-dispatcher.ts";
import { DiskSpace } from "../process/disk-space.ts";
import { RecentRejects } from "../webhook/recent-rejects.ts";

/** A failed send is tried this many times in all (backoff between tries, see `retryDelayMs`). */
const MAX_JOB_ATTEMPTS = 6;
/** How often free space is measured while the jobs run. */
const DISK_WATCH_MS = 5_000;
/** How often files past MEDIA_RETENTION are looked for. */
const MEDIA_SWEEP_MS = 60 * 60_000;
/** How long one media download may take (files are larger than API answers). */
const MEDIA_TIMEOUT_MS = 60_000;
/** How often the per-connection counter slots are folded. */
const COMPACTION_MS = 10 * 60_000;
/** How often what the retention periods no longer keep is pruned, and how soon after start the first time. */
const PRUNE_EVERY_MS = 60 * 60_000;
const FIRST_PRUNE_MS = 60_000;
/** A pause between pruning batches, so requests get the database in between. */
const PRUNE_PAUSE_MS = 20;

export interface ServerOptions {
  /** The key webhooks and the REST API authenticate with (a file followed as it changes, or one fixed key). */
  integrationKey: string | IntegrationKeys;
  /** The clock of the services, the job runner and the sign-in throttle; real time by default. */
  now?: () => Date;
  /** Where outbound messages go; by default the one the configuration names (WHATSAPP_SENDER). */
  sender?: OutboundSender;
  /** How store write-backs and outbound webhooks go out; by default the guarded fetch (OUTBOUND_ALLOW_PRIVATE_NETWORKS). */
  outboundFetch?: StoreFetch;
  /** Where log lines go; by default stdout at LOG_LEVEL. */
  logger?: Logger;
  /** Free space on DATA_DIR; by default measured against MIN_FREE_SPACE. */
  diskSpace?: DiskSpace;
  /** How often the change feed reads when no notification arrives; the feed's default otherwise. */
  changeFeedPollMs?: number;
  /** The built dashboard to serve; defaults to apps/dashboard/dist when it exists. */
  dashboardDir?: string;
  /** Connections the database pool may open (for the metrics); 10 (postgres.js) or 1 (embedded) by default. */
  poolSize?: number;
}

/**
 * Everything one Confirma process runs over an open database: the HTTP app, the services, the
 * change feed (started), the job runner with the confirmation flow's handlers, the outbound
 * webhook dispatcher, the disk watch and counter compaction (all started by `start()`). `main.ts` adds only what a process needs
 * (configuration, listening, signals); tests build the same server with their clock and sender.
 * The database stays the caller's to close.
 */
export async function createServer(config: Config, database: DatabaseHandle, options: ServerOptions) {
  const now = options.now;
  const logger = options.logger ?? createLogger({ level: config.LOG_LEVEL });
  const diskSpace = options.diskSpace ?? new DiskSpace({ dir: config.DATA_DIR, minFreeBytes: minFreeSpace(config) });
  const changeFeedRef: { current?: ChangeFeed } = {};
  // Metrics only when a scraper may read them: prom-client is loaded then, and not otherwise (start-up time).
  const metrics: ServerMetrics | undefined = config.METRICS_TOKEN
    ? new (await import("../metrics/server-metrics.ts")).ServerMetrics({
        db: database.db,
        kind: database.kind,
        poolSize: options.poolSize ?? (database.kind === "postgres" ? 10 : 1),
        subscriptions: () => changeFeedRef.current?.stats().subscriptions ?? 0,
        disk: { free: () => diskSpace.free(), minFreeBytes: diskSpace.minFreeBytes },
      })
    : undefined;
  const configuredSender = options.sender ?? createOutboundSender(config, logger);
  const sender = metrics ? countingSender(configuredSender, metrics) : configuredSender;
  const services: Services = {
    db: database.db,
    ...(now ? { now } : {}),
    settings: { defaultCountry: config.DEFAULT_COUNTRY, defaultCurrency: config.DEFAULT_CURRENCY, confirmation: confirmationDefaults(config) },
    outboundUrlCheck: async (url) => void (await checkOutboundUrl(url, { allowPrivateNetworks: config.OUTBOUND_ALLOW_PRIVATE_NETWORKS })),
    publicBaseUrl: `${config.PUBLIC_URL ?? listeningUrl(config.HOST, config.PORT)}/`,
  };
  const changeFeed = new ChangeFeed(database.db, database.listen, options.changeFeedPollMs === undefined ? {} : { pollMs: options.changeFeedPollMs });
  changeFeedRef.current = changeFeed;
  await changeFeed.start();

  const flow = confirmationJobHandlers({ services, sender });
  const outboundFetch = options.outboundFetch ?? createGuardedFetch({ allowPrivateNetworks: config.OUTBOUND_ALLOW_PRIVATE_NETWORKS });
  const media = mediaSettings(config);
  const mediaStore = new MediaStore(media.dir);
  const mediaFetch = mediaFetchHandler({
    services,
    store: mediaStore,
    fetch: options.outboundFetch ?? createGuardedFetch({ allowPrivateNetworks: config.OUTBOUND_ALLOW_PRIVATE_NETWORKS, timeoutMs: MEDIA_TIMEOUT_MS }),
    credentials: {
      graphUrl: config.WHATSAPP_GRAPH_URL ?? DEFAULT_GRAPH_URL,
      graphVersion: config.WHATSAPP_GRAPH_VERSION ?? DEFAULT_GRAPH_VERSION,
      metaAccessToken: config.WHATSAPP_ACCESS_TOKEN,
      twilioAccountSid: config.TWILIO_ACCOUNT_SID,
      twilioAuthToken: config.TWILIO_AUTH_TOKEN,
      wahaApiKey: config.WAHA_API_KEY,
    },
    maxBytes: media.maxBytes,
    logger,
  });
  const jobRunner = new JobRunner({
    db: database.db,
    listen: database.listen,
    handlers: { ...flow.handlers, store_write_back: storeWriteBackHandler({ services, fetch: outboundFetch }), media_fetch: mediaFetch },
    onInterrupted: flow.onInterrupted,
    ...(now ? { now } : {}),
    maxAttempts: MAX_JOB_ATTEMPTS,
    onError: (error, job) => {
      metrics?.jobFailures.inc({ kind: job?.kind ?? "unknown" });
      logger.error("job failed", { jobId: job?.id, kind: job?.kind, err: describeError(error) });
    },
  });
  const webhookDispatcher = new WebhookDispatcher({
    db: database.db,
    listen: database.listen,
    fetch: outboundFetch,
    publicBaseUrl: services.publicBaseUrl,
    ...(now ? { now } : {}),
    onError: (error) => logger.error("outbound webhook dispatch failed", { err: describeError(error) }),
  });
  /** The background work that writes: paused together while the disk is almost full. */
  const background = {
    start: async () => void (await Promise.all([jobRunner.start(), webhookDispatcher.start()])),
    stop: async () => void (await Promise.all([jobRunner.stop(), webhookDispatcher.stop()])),
  };

  const recentRejects = new RecentRejects();
  let draining = false;
  let lastRequestAt = 0;
  const appDeps: AppDeps = {
    config,
    database,
    diskSpace,
    draining: () => draining,
    requestStarted: () => void (lastRequestAt = performance.now()),
    integrationKey: typeof options.integrationKey === "string" ? fixedIntegrationKey(options.integrationKey) : options.integrationKey,
    logger,
    changeFeed,
    loginThrottle: new LoginThrottle(now ? { now: () => now().getTime() } : {}),
    recentRejects,
    outboundProvider: sender.provider,
    mediaStore,
    services,
    ...(metrics ? { metrics } : {}),
    ...(options.dashboardDir === undefined ? {} : { dashboardDir: options.dashboardDir }),
  };
  const app = createApp(appDeps);

  let diskWatch: ReturnType<typeof setInterval> | undefined;
  let compaction: ReturnType<typeof setInterval> | undefined;
  let jobsPaused: Promise<void> | undefined;
  let compacting: Promise<void> = Promise.resolve();
  let mediaSweep: ReturnType<typeof setInterval> | undefined;
  let sweeping: Promise<void> = Promise.resolve();

  /** Deletes the media files past MEDIA_RETENTION, and those no message holds any more (hourly, and once at start). */
  function sweepMedia(): Promise<void> {
    if (diskSpace.shortage()) return sweeping;
    const retentionMs = media.retentionMs;
    sweeping = (async () => {
      const expired = retentionMs === null ? 0 : await sweepExpiredMedia(database.db, mediaStore, { retentionMs, now: now?.() ?? new Date() });
      const orphans = await sweepOrphanMedia(database.db, mediaStore);
      if (expired + orphans > 0) logger.info("media files deleted", { expired, orphans });
    })().catch((error: unknown) => logger.warn("media sweep failed", { err: describeError(error) }));
    return sweeping;
  }

  let pruneTimer: ReturnType<typeof setTimeout> | undefined;
  let pruning: Promise<void> = Promise.resolve();
  const pruneAbort = new AbortController();
  const policy = retentionPolicy(config);

  /**
   * Prunes what the retention periods no longer keep, in small batches with pauses, so ingest
   * never waits long. Skipped while the disk is almost full (deleting writes too). Safe on several
   * instances at once: each batch deletes what is expired, whoever gets there first.
   */
  function pruneNow(): Promise<void> {
    if (diskSpace.shortage() || draining) return pruning;
    pruning = pruning.then(async () => {
      const started = performance.now();
      try {
        const results = await pruneExpired(database.db, policy, { pauseMs: PRUNE_PAUSE_MS, signal: pruneAbort.signal, ...(now ? { now: now() } : {}) });
        for (const result of results) if (result.count > 0) metrics?.pruned.inc({ target: result.name }, result.count);
        metrics?.pruneRuns.inc({ outcome: "done" });
        const pruned = Object.fromEntries(results.filter((result) => result.count > 0).map((result) => [result.name, result.count]));
        if (Object.keys(pruned).length > 0) logger.info("pruned", { ...pruned, durationMs: Math.round(performance.now() - started) });
      } catch (error) {
        metrics?.pruneRuns.inc({ outcome: "failed" });
        logger.warn("pruning failed", { err: describeError(error) });
      }
    });
    return pruning;
  }

  /** Starts the background work: the job runner and the webhook dispatcher, the disk watch that pauses them, counter compaction. */
  async function start(): Promise<void> {
    await background.start();
    // Background jobs write too: they pause while the disk is almost full (requests are refused meanwhile).
    diskWatch = setInterval(() => {
      const shortage = diskSpace.shortage();
      if (shortage && !jobsPaused) {
        logger.warn("disk almost full: changes refused, jobs paused", { dataDir: config.DATA_DIR, freeBytes: diskSpace.free() });
        jobsPaused = background.stop();
      } else if (!shortage && jobsPaused && !draining) {
        const paused = jobsPaused;
        jobsPaused = undefined;
        logger.info("disk space back: jobs resumed", { freeBytes: diskSpace.free() });
        void paused.then(() => (draining ? undefined : background.start()));
      }
    }, DISK_WATCH_MS);
    // Each connection counts in its own slot; folding them keeps the overview's counters small.
    const schedulePrune = (delay: number) => {
      pruneTimer = setTimeout(() => void pruneNow().finally(() => !pruneAbort.signal.aborted && schedulePrune(PRUNE_EVERY_MS)), delay);
      pruneTimer.unref?.();
    };
    schedulePrune(FIRST_PRUNE_MS);
    compaction = setInterval(() => {
      if (diskSpace.shortage()) return;
      compacting = compactCounters(database.db).catch((error: unknown) => logger.warn("counter compaction failed", { err: describeError(error) }));
    }, COMPACTION_MS);
    void sweepMedia();
    mediaSweep = setInterval(() => void sweepMedia(), MEDIA_SWEEP_MS);
  }

  /** From now on the app answers as shutting down: not ready, and each connection closes after its answer. */
  function beginDraining(): void {
    draining = true;
  }

  /**
   * Resolves once no request has started for `quietMs` (after at least `quietMs`, at most
   * `maxMs`). A client that read a keep-alive answer just before draining began may still send one
   * more request, and a busy loop may not have read it yet: both come in before the connections
   * that look idle are closed.
   */
  async function settle({ quietMs, maxMs }: { quietMs: number; maxMs: number }): Promise<void> {
    const until = performance.now() + maxMs;
    await Bun.sleep(quietMs);
    for (let left = lastRequestAt + quietMs - performance.now(); left > 0 && performance.now() < until; left = lastRequestAt + quietMs - performance.now()) {
      await Bun.sleep(Math.min(left, until - performance.now()));
    }
  }

  /** Stops taking jobs and webhook deliveries and waits for those in hand (at once if the disk watch had paused them). */
  function stopJobs(): Promise<void> {
    return jobsPaused ?? background.stop();
  }

  /** Stops the timers, waits for a compaction under way, stops the change feed. */
  async function close(): Promise<void> {
    clearInterval(compaction);
    clearInterval(diskWatch);
    clearInterval(mediaSweep);
    clearTimeout(pruneTimer);
    pruneAbort.abort();
    await compacting;
    await sweeping;
    await pruning;
    await changeFeed.stop();
  }

  return {
    app,
    appDeps,
    services,
    changeFeed,
    jobRunner,
    webhookDispatcher,
    mediaStore,
    sweepMedia,
    sender,
    logger,
    diskSpace,
    recentRejects,
    metrics,
    pruneNow,
    start,
    beginDraining,
    settle,
    stopJobs,
    close,
  };
}

export type Server = Awaited<ReturnType<typeof createServer>>;
