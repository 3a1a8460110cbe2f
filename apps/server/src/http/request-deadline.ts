import { CommitDeadline, UNAVAILABLE_MESSAGES, withCommitDeadline } from "@confirma/db";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env.ts";
import { errorResponse } from "./error-response.ts";

export interface RequestDeadlineOptions {
  /** How long a request may take before it answers 503 (REQUEST_TIMEOUT). */
  timeoutMs: number;
  /**
   * How much longer to wait when the deadline finds a commit under way: its outcome is the
   * request's answer, unless the database does not say within this time (then 503, outcome unknown).
   */
  commitGraceMs?: number;
}

/**
 * Gives each request `timeoutMs` to answer. Past it, the request answers 503 `unavailable`
 * and its work can no longer commit (see `CommitDeadline`): a request that stored something
 * never answers 503 because it was slow, one that answers 503 stored nothing and can be
 * retried. The answer of a streaming response (event streams) is its first byte: the stream
 * itself is not limited.
 */
export function requestDeadline({ timeoutMs, commitGraceMs = 2_000 }: RequestDeadlineOptions): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const deadline = new CommitDeadline();
    const work = withCommitDeadline(deadline, next).then(() => "answered" as const);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<"expired" | "unknown">((resolve) => {
      timer = setTimeout(() => {
        if (deadline.expire()) return resolve("expired");
        // A commit is under way: its outcome is the answer, if it comes soon enough.
        timer = setTimeout(() => resolve("unknown"), commitGraceMs);
      }, timeoutMs);
    });
    const outcome = await Promise.race([work, late]);
    clearTimeout(timer);
    if (outcome === "answered") {
      deadline.settle();
      return;
    }
    // The work goes on alone (its commits refused) and must not fail unobserved.
    work.catch(() => {});
    c.get("logFields").deadline = outcome;
    c.header("Retry-After", "5");
    c.res = errorResponse(
      c,
      "unavailable",
      outcome === "expired"
        ? UNAVAILABLE_MESSAGES.timed_out
        : "the database did not confirm the request in time: it may or may not be stored; retry shortly (a retried delivery is stored once)",
    );
  };
}
