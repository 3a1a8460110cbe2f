import type { ChangeFeed, LoginThrottle, Services } from "@confirma/api";
import type { DatabaseHandle } from "@confirma/db";
import type { Config } from "./config/config.ts";
import type { IntegrationKeys } from "./config/integration-key-file.ts";
import type { Logger } from "./logging/logger.ts";
import type { MediaStore } from "./media/media-store.ts";
import type { ServerMetrics } from "./metrics/server-metrics.ts";
import type { DiskSpace } from "./process/disk-space.ts";
import type { RecentRejects } from "./webhook/recent-rejects.ts";

/** What the HTTP layer is built from. */
export interface AppDeps {
  config: Config;
  services: Services;
  database: Pick<DatabaseHandle, "ping">;
  /** The integration key, and a replaced one during its grace period (`confirma rotate-key`). */
  integrationKey: IntegrationKeys;
  logger: Logger;
  changeFeed: ChangeFeed;
  loginThrottle: LoginThrottle;
  recentRejects: RecentRejects;
  /** The provider name outbound messages are stored under (`log`, `meta`, `evolution`). */
  outboundProvider: string;
  /** Free space on DATA_DIR; by default measured against MIN_FREE_SPACE. */
  diskSpace?: DiskSpace;
  /** True once the process is shutting down: not ready, and connections are closed after their answer. */
  draining?: () => boolean;
  /** Told when a request starts (shutdown reads on until they stop coming). */
  requestStarted?: () => void;
  /** Where inbound media files are; by default MEDIA_DIR (else DATA_DIR/media). */
  mediaStore?: MediaStore;
  /** The built dashboard to serve; defaults to apps/dashboard/dist when it exists. */
  dashboardDir?: string;
  /** Prometheus metrics; `GET /metrics` is served on the main port unless METRICS_PORT moves it. */
  metrics?: ServerMetrics;
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
