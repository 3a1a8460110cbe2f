import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env.ts";
import type { DiskSpace } from "../process/disk-space.ts";
import { errorResponse } from "./error-response.ts";

const READS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses requests that may write (every method but GET, HEAD and OPTIONS) with 503
 * `unavailable` while DATA_DIR's disk has less free space than its margin: a webhook
 * delivery is then retried by its provider once space has been freed, nothing is lost.
 */
export function refuseWritesWhenDiskLow(diskSpace: DiskSpace): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const shortage = READS.has(c.req.method) ? undefined : diskSpace.shortage();
    if (!shortage) return next();
    c.get("logFields").refused = "disk_low";
    c.header("Retry-After", "60");
    return errorResponse(c, "unavailable", shortage);
  };
}
