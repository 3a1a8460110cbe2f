import { ChangeFeed, LoginThrottle, type Services } from "@confirma/api";
import { openTestDatabase } from "@confirma/db/testing";
import { createApp } from "../app.ts";
import { confirmationDefaults, loadConfig } from "../config/config.ts";
import { createLogger } from "../logging/logger.ts";
import { RecentRejects } from "../webhook/recent-rejects.ts";

export const TEST_KEY = "test-integration-key-0123456789";

/**
 * The whole app on a fresh test database (PGlite in memory, or a new PostgreSQL database when
 * DATABASE_URL is set), for `app.request()` tests. One per test file. `log` receives every log
 * line (at debug level) instead of stdout; `dashboardDir` serves a dashboard build.
 */
export async function openTestApp(env: Record<string, string> = {}, { log, dashboardDir }: { log?: (line: string) => void; dashboardDir?: string } = {}) {
  const database = await openTestDatabase();
  const config = loadConfig({ LOG_LEVEL: "silent", RATE_LIMIT_PER_IP: "0", ...env });
  /** A clock tests can move: `clock.set(date)`, `clock.advance(ms)`; real time until set. */
  let frozen: Date | null = null;
  const clock = {
    now: () => frozen ?? new Date(),
    set: (at: Date) => void (frozen = at),
    advance: (ms: number) => void (frozen = new Date((frozen ?? new Date()).getTime() + ms)),
  };
  const services: Services = {
    db: database.db,
    now: clock.now,
    settings: { defaultCountry: config.DEFAULT_COUNTRY, defaultCurrency: config.DEFAULT_CURRENCY, confirmation: confirmationDefaults(config) },
  };
  const changeFeed = new ChangeFeed(database.db, database.listen, { pollMs: 2_000 });
  await changeFeed.start();
  const recentRejects = new RecentRejects();
  const app = createApp({
    config,
    database,
    services,
    changeFeed,
    loginThrottle: new LoginThrottle({ now: () => clock.now().getTime() }),
    recentRejects,
    outboundProvider: "log",
    integrationKey: TEST_KEY,
    logger: log ? createLogger({ level: "debug", write: log }) : createLogger({ level: config.LOG_LEVEL }),
    dashboardDir,
  });

  /** Another app over the same database, configured with `env` on top of this one's (its own limits and rejects). */
  function appWith(extraEnv: Record<string, string>) {
    const otherConfig = loadConfig({ LOG_LEVEL: "silent", RATE_LIMIT_PER_IP: "0", ...env, ...extraEnv });
    const otherRejects = new RecentRejects();
    const other = createApp({
      config: otherConfig,
      database,
      services,
      changeFeed,
      loginThrottle: new LoginThrottle(),
      recentRejects: otherRejects,
      outboundProvider: "log",
      integrationKey: TEST_KEY,
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

  async function close() {
    await changeFeed.stop();
    await database.close();
  }

  return { app, appWith, database, db: database.db, services, config, clock, changeFeed, recentRejects, call, close };
}

export type TestApp = Awaited<ReturnType<typeof openTestApp>>;
