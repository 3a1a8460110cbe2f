/** Minutes since local midnight of `at` in `timeZone`. */
function localMinutes(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(at);
  const hour = Number(parts.find((part) => part.type === "hour")?.value ?? 0);
  const minute = Number(parts.find((part) => part.type === "minute")?.value ?? 0);
  return hour * 60 + minute;
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * When a message planned for `at` may actually be sent: `at` itself outside quiet hours, else
 * the end of the quiet period (local time of `timeZone`, windows across midnight included).
 */
export function nextSendTime(at: Date, quietHours: { start: string; end: string } | null, timeZone: string): Date {
  if (!quietHours) return at;
  const start = toMinutes(quietHours.start);
  const end = toMinutes(quietHours.end);
  if (start === end) return at;
  const now = localMinutes(at, timeZone);
  const quiet = start < end ? now >= start && now < end : now >= start || now < end;
  if (!quiet) return at;
  const wait = (end - now + 1440) % 1440;
  const candidate = new Date(at.getTime() + wait * 60_000);
  candidate.setUTCSeconds(0, 0);
  // A daylight-saving change during the wait moves the local clock: correct by the difference.
  const drift = ((localMinutes(candidate, timeZone) - end + 720 + 1440) % 1440) - 720;
  return new Date(candidate.getTime() - drift * 60_000);
}
