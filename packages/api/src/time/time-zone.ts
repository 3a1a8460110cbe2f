/** True for an IANA time zone this runtime knows (`Europe/Paris`, `Africa/Casablanca`, `UTC`). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
