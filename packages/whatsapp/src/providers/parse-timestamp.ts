/**
 * Reads a provider timestamp: seconds or milliseconds since the epoch (number or numeric
 * string), or an ISO 8601 string. Anything else, or a date far from `fallback`, gives `fallback`.
 */
export function parseProviderTimestamp(value: unknown, fallback: Date): Date {
  let millis: number | undefined;
  if (typeof value === "number" && Number.isFinite(value)) millis = value;
  else if (typeof value === "string" && /^\d+(\.\d+)?$/.test(value.trim())) millis = Number(value);
  else if (typeof value === "string" && value.trim() !== "") {
    const parsed = Date.parse(value);
    if (!Number.isNaN(parsed)) return sane(parsed, fallback);
    return fallback;
  }
  if (millis === undefined) return fallback;
  // Seconds until the year 5138; milliseconds after.
  if (millis < 1e11) millis *= 1000;
  return sane(millis, fallback);
}

const TEN_YEARS = 10 * 365 * 24 * 3600 * 1000;

function sane(millis: number, fallback: Date): Date {
  if (Math.abs(millis - fallback.getTime()) > TEN_YEARS) return fallback;
  return new Date(Math.floor(millis));
}
