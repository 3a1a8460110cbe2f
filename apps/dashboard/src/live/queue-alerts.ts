/** The queue sizes the shell keeps live (`stats.queues`). */
export interface QueueSnapshot {
  review: number;
  calls: number;
  /** When the next planned call-back falls due, if any. */
  nextCallBackAt: string | null;
}

export type QueueAlert = { kind: "review" | "calls"; added: number; waiting: number } | { kind: "callBack" };

/** `(3) Confirma` while orders wait for a person, `Confirma` otherwise. */
export function titleFor(snapshot: Pick<QueueSnapshot, "review" | "calls"> | null, base = "Confirma"): string {
  const waiting = snapshot ? snapshot.review + snapshot.calls : 0;
  return waiting > 0 ? `(${waiting > 999 ? "999+" : waiting}) ${base}` : base;
}

/**
 * What to tell the agent when the queue sizes change: an order entered the review queue, the call
 * queue (one alert, the review one, when a reply put the order in both). Nothing on the first
 * snapshot (what was already waiting when the page opened) and nothing when a queue shrinks.
 */
export function alertsFor(previous: QueueSnapshot | null, next: QueueSnapshot): QueueAlert[] {
  if (!previous) return [];
  const review = next.review - previous.review;
  const calls = next.calls - previous.calls;
  if (review > 0) return [{ kind: "review", added: review, waiting: next.review }];
  if (calls > 0) return [{ kind: "calls", added: calls, waiting: next.calls }];
  return [];
}

/** Milliseconds until the next call-back falls due (at least 0), or null when none is planned or it is too far for a timer. */
export function callBackDelay(nextCallBackAt: string | null, now: number): number | null {
  if (!nextCallBackAt) return null;
  const delay = Date.parse(nextCallBackAt) - now;
  if (Number.isNaN(delay) || delay > 2 ** 31 - 1) return null;
  return Math.max(0, delay);
}

/** Where the "play a sound" choice is kept (this browser only). */
export const SOUND_PREFERENCE_KEY = "confirma.notifications.sound";
