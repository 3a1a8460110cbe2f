import type { ChangeFeed, LoginThrottle, Services } from "@confirma/api";
import type { DatabaseHandle } from "@confirma/db";
import type { Config } from "./config/config.ts";
import type { Logger } from "./logging/logger.ts";
import type { RecentRejects } from "./webhook/recent-rejects.ts";

/** What the HTTP layer is built from. */
export interface AppDeps {
  config: Config;
  services: Services;
  database: Pick<DatabaseHandle, "ping">;
  integrationKey: string;
  logger: Logger;
  changeFeed: ChangeFeed;
  loginThrottle: LoginThrottle;
  recentRejects: RecentRejects;
  /** The provider name outbound messages are stored under (`log`, `meta`, `evolution`). */
  outboundProvider: string;
  /** The built dashboard to serve; defaults to apps/dashboard/dist when it exists. */
  dashboardDir?: string;
}

/** Per-request values set by middleware. */
export interface AppEnv {
  Variables: {
    requestId: string;
    /** The socket's peer address, captured first (a rebuilt request no longer has it). */
    peerAddress: string;
    /** Extra fields for the request's one log line (the webhook adds provider, ids, outcome). */
    logFields: Record<string, unknown>;
  };
}
