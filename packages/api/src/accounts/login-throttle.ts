/**
 * Slows password guessing: after `freeFailures` failures for one email (or 4× that from one
 * address) within `windowMs`, each further try waits twice as long, up to `maxDelayMs`.
 * Kept in memory, per server instance; a restart forgets it.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly options: { freeFailures?: number; windowMs?: number; maxDelayMs?: number; now?: () => number } = {},
  ) {}

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
    if (times.length) this.failures.set(key, times);
    else this.failures.delete(key);
    return times;
  }

  /** Seconds to wait before the next try; 0 when a try is allowed now. */
  retryAfterSeconds(email: string, ip: string): number {
    const waits = [
      [`email:${email.toLowerCase()}`, this.freeFailures],
      [`ip:${ip}`, this.freeFailures * 4],
    ].map(([key, free]) => {
      const times = this.recent(key as string);
      if (times.length < (free as number)) return 0;
      const delay = Math.min(1000 * 2 ** (times.length - (free as number)), this.options.maxDelayMs ?? 15 * 60_000);
      return Math.max(0, times.at(-1)! + delay - this.now());
    });
    return Math.ceil(Math.max(...waits) / 1000);
  }

  recordFailure(email: string, ip: string): void {
    for (const key of [`email:${email.toLowerCase()}`, `ip:${ip}`]) this.failures.set(key, [...this.recent(key), this.now()]);
    if (this.failures.size > 50_000) this.failures.clear();
  }

  recordSuccess(email: string, _ip: string): void {
    this.failures.delete(`email:${email.toLowerCase()}`);
  }
}
