import { createCaller, LoginThrottle, type Actor, type SessionUser, type TrpcContext } from "@confirma/api";
import { openTestDatabase } from "@confirma/db/testing";
import type { OutboundSender } from "@confirma/whatsapp";
import { createApp } from "../app.ts";
import { loadConfig, minFreeSpace } from "../config/config.ts";
import { createLogger } from "../logging/logger.ts";
import { DiskSpace } from "../process/disk-space.ts";
import { createServer } from "../server/create-server.ts";
import { RecentRejects } from "../webhook/recent-rejects.ts";

export const TEST_KEY = "test-integration-key-0123456789";

export interface TestAppOptions {
  /** Receives every log line (at debug level) instead of stdout. */
  log?: (line: string) => void;
  /** Serves this dashboard build. */
  dashboardDir?: string;
  /** Where outbound messages go (a sender against a fake provider); the configured one otherwise. */
  sender?: OutboundSender;
}

/**
 * The whole server (`createServer`, as `main.ts` runs it) on a fresh test database (PGlite in
 * memory, or a new PostgreSQL database when DATABASE_URL is set), for `app.request()` tests. One
 * per test file. Its job runner is not started: tests run due jobs with `jobRunner.runDue()`
 * (and due outbound webhooks with `webhookDispatcher.runDue()`).
 */
export async function openTestApp(env: Record<string, string> = {}, { log, dashboardDir, sender }: TestAppOptions = {}) {
  const database = await openTestDatabase();
  const config = loadConfig({ LOG_LEVEL: "silent", RATE_LIMIT_PER_IP: "0", ...env });
  /** A clock tests can move: `clock.set(date)`, `clock.advance(ms)`; real time until set. */
  let frozen: Date | null = null;
  const clock = {
    now: () => frozen ?? new Date(),
    set: (at: Date) => void (frozen = at),
    advance: (ms: number) => void (frozen = new Date((frozen ?? new Date()).getTime() + ms)),
  };
  const server = await createServer(config, database, {
    integrationKey: TEST_KEY,
    now: clock.now,
    ...(sender ? { sender } : {}),
    logger: log ? createLogger({ level: "debug", write: log }) : createLogger({ level: config.LOG_LEVEL }),
    changeFeedPollMs: 2_000,
    ...(dashboardDir === undefined ? {} : { dashboardDir }),
  });
  const { app, services, changeFeed, recentRejects, jobRunner, webhookDispatcher } = server;

  /** Another app over the same server, configured with `env` on top of this one's (its own limits and rejects). */
  function appWith(extraEnv: Record<string, string>) {
    const otherConfig = loadConfig({ LOG_LEVEL: "silent", RATE_LIMIT_PER_IP: "0", ...env, ...extraEnv });
    const otherRejects = new RecentRejects();
    const other = createApp({
      ...server.appDeps,
      config: otherConfig,
      diskSpace: new DiskSpace({ dir: otherConfig.DATA_DIR, minFreeBytes: minFreeSpace(otherConfig) }),
      loginThrottle: new LoginThrottle(),
      recentRejects: otherRejects,
      logger: createLogger({ level: otherConfig.LOG_LEVEL }),
    });
    return { app: other, config: otherConfig, recentRejects: otherRejects };
  }

  /** Sends a JSON request with the integration key (unless `key: null`), returns status and parsed body. */
  async function call(method: string, path: string, body?: unknown, { key = TEST_KEY as string | null, headers = {} as Record<string, string> } = {}) {
    const response = await app.request(path, {
      method,
      headers: {
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
        ...(key ? { "x-api-key": key } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = text;
    }
    return { status: response.status, body: json, headers: response.headers };
  }

  /** The procedures as `actor` calls them (a signed-in `user`, or the key when none), as the dashboard would. */
  function caller({ actor, user = null, signal }: { actor: Actor; user?: SessionUser | null; signal?: AbortSignal }) {
    const context: TrpcContext = {
      services,
      actor,
      user,
      requestId: "test",
      session: { token: null, set() {}, clear() {}, ip: "127.0.0.1" },
      loginThrottle: undefined as never,
      changeFeed,
      recentRejects: () => [],
      outbound: { provider: "log" },
      integration: { webhookUrl: "http://localhost/api/webhook/whatsapp", apiKey: "k", baseUrl: "http://localhost/" },
    };
    return createCaller(context, { signal });
  }

  async function close() {
    await server.close();
    await database.close();
  }

  return {
    app,
    appWith,
    database,
    db: database.db,
    services,
    config,
    clock,
    changeFeed,
    recentRejects,
    jobRunner,
    webhookDispatcher,
    sweepMedia: server.sweepMedia,
    call,
    caller,
    close,
  };
}

export type TestApp = Awaited<ReturnType<typeof openTestApp>>;
