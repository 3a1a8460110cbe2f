const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * How long to wait after each failed attempt of an outbound webhook delivery: the first attempt
 * is at once, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h and 24 h after the failures —
 * ten attempts over 75 h 35 min 5 s, a little more than three days, so a receiver that is down
 * for a weekend still gets everything. After the tenth failure the delivery is given up.
 */
export const RETRY_DELAYS_MS = [5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 14 * HOUR, 20 * HOUR, 24 * HOUR] as const;

/** Attempts in all: the first one and a retry per delay. */
export const MAX_DELIVERY_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/**
 * An endpoint whose every attempt has failed for this long (from the first failure after its
 * last success) is disabled: at the latest when a delivery to it is given up.
 */
export const DISABLE_AFTER_FAILING_MS = 72 * HOUR;

/** The wait before the next attempt after `attempts` failed ones, or null when the delivery is given up. */
export function retryDelayAfter(attempts: number): number | null {
  if (!Number.isInteger(attempts) || attempts < 1) throw new RangeError(`attempts must be a whole number from 1, not ${attempts}`);
  return RETRY_DELAYS_MS[attempts - 1] ?? null;
}
