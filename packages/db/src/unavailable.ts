/** Connection-level failures: the database is down, restarting or unreachable, not a bad query. */
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
]);

/** The server is out of a resource: the statement failed whole and may succeed later (SQLSTATE class 53). */
const OUT_OF_RESOURCES: Record<string, Unavailability> = {
  "53100": "disk_full",
  "53000": "out_of_resources", // insufficient_resources
  "53200": "out_of_resources", // out_of_memory
  "53300": "out_of_resources", // too_many_connections
  DEADLINE_EXCEEDED: "timed_out", // ours: a commit refused past the request's deadline (see CommitDeadline)
};

/** Why the database cannot serve a request right now. */
export type Unavailability = "unreachable" | "disk_full" | "out_of_resources" | "timed_out";

/**
 * Why an error (or its cause) means the database cannot serve the request right now, or
 * undefined for any other error. Each answers 503 so the caller retries; an unreachable
 * database may or may not have committed (deliveries are idempotent), the others did not.
 * PGlite reports a full disk with the same SQLSTATE as PostgreSQL (53100).
 */
export function databaseUnavailability(error: unknown): Unavailability | undefined {
  for (let current = error, depth = 0; current && depth < 6; depth++) {
    const code = (current as { code?: unknown; errno?: unknown }).code;
    if (typeof code === "string" && UNAVAILABLE_CODES.has(code)) return "unreachable";
    if (typeof code === "string" && code in OUT_OF_RESOURCES) return OUT_OF_RESOURCES[code];
    const message = (current as { message?: unknown }).message;
    if (
      typeof message === "string" &&
      /connection (terminated|closed|ended)|terminating connection|the database system is (starting up|shutting down)/i.test(message)
    )
      return "unreachable";
    if (typeof message === "string" && /no space left on device/i.test(message)) return "disk_full";
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** True when the database cannot serve the request right now (see `databaseUnavailability`). */
export function isDatabaseUnavailable(error: unknown): boolean {
  return databaseUnavailability(error) !== undefined;
}

/** What to tell the caller for each `Unavailability`. */
export const UNAVAILABLE_MESSAGES: Record<Unavailability, string> = {
  unreachable: "the database is not reachable right now; retry shortly (a retried delivery is stored once)",
  disk_full: "the database's disk is full: nothing was stored; retry once space has been freed",
  out_of_resources: "the database is out of resources (memory or connections): nothing was stored; retry shortly",
  timed_out: "the request did not complete in time and nothing was stored; retry shortly (a retried delivery is stored once)",
};
