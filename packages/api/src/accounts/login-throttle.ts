/** One sign-in attempt the throttle let through: it counts as a failure unless it is ended otherwise. */
export interface LoginAttempt {
  /** The password was right: the email's failures are forgotten and this try does not count against the address. */
  succeeded(): void;
  /** Nothing was tried (the lookup failed before any password check): this try does not count at all. */
  cancelled(): void;
}

/** Keys kept at most; past it the longest-untouched are forgotten first. */
const MAX_KEYS = 50_000;

const emailKey = (email: string) => `email:${email.toLowerCase()}`;
const ipKey = (ip: string) => `ip:${ip}`;

/**
 * Slows password guessing: after `freeFailures` failures for one email (or 4× that from one
 * address) within `windowMs`, each further try waits twice as long, up to `maxDelayMs`.
 * Kept in memory, per server instance; a restart forgets it.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly options: { freeFailures?: number; windowMs?: number; maxDelayMs?: number; now?: () => number } = {}) {}

  private get freeFailures() {
    return this.options.freeFailures ?? 5;
  }
  private get windowMs() {
    return this.options.windowMs ?? 15 * 60_000;
  }
  private now() {
    return this.options.now?.() ?? Date.now();
  }

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    const times = (this.failures.get(key) ?? []).filter((time) => time > since);
    // Delete then set: a key looked at moves last, so the cap forgets idle keys before busy ones.
    this.failures.delete(key);
    if (times.length) this.failures.set(key, times);
    return times;
  }

  /** Seconds to wait before the next try; 0 when a try is allowed now. */
  retryAfterSeconds(email: string, ip: string): number {
    const waits = (
      [
        [emailKey(email), this.freeFailures],
        [ipKey(ip), this.freeFailures * 4],
      ] as const
    ).map(([key, free]) => {
      const times = this.recent(key);
      if (times.length < free) return 0;
      const delay = Math.min(1000 * 2 ** (times.length - free), this.options.maxDelayMs ?? 15 * 60_000);
      return Math.max(0, times.at(-1)! + delay - this.now());
    });
    return Math.ceil(Math.max(...waits) / 1000);
  }

  /**
   * Reserves a try for this email and address before any password is checked, or says how long
   * to wait. Checking and counting are one step, so tries running side by side (parallel
   * requests, a batch) each see the others: no more passwords are checked than the limit allows.
   */
  begin(email: string, ip: string): { attempt: LoginAttempt } | { retryAfterSeconds: number } {
    const wait = this.retryAfterSeconds(email, ip);
    if (wait > 0) return { retryAfterSeconds: wait };
    const at = this.now();
    const byEmail = emailKey(email);
    const byIp = ipKey(ip);
    for (const key of [byEmail, byIp]) this.touch(key, [...this.recent(key), at]);
    let open = true;
    const forget = (key: string) => {
      const times = this.failures.get(key);
      const index = times?.lastIndexOf(at) ?? -1;
      if (index >= 0) times!.splice(index, 1);
      if (times?.length === 0) this.failures.delete(key);
    };
    return {
      attempt: {
        succeeded: () => {
          if (!open) return;
          open = false;
          this.failures.delete(byEmail);
          forget(byIp);
        },
        cancelled: () => {
          if (!open) return;
          open = false;
          forget(byEmail);
          forget(byIp);
        },
      },
    };
  }

  /** Stores a key's times as the most recently touched, forgetting the oldest keys past the cap. */
  private touch(key: string, times: number[]): void {
    this.failures.delete(key);
    this.failures.set(key, times);
    for (const oldest of this.failures.keys()) {
      if (this.failures.size <= MAX_KEYS) break;
      this.failures.delete(oldest);
    }
  }
}
