/**
 * Wall-clock time in a time zone, for files whose dates carry none (CSV text, Excel serials).
 * One formatter per zone, reused for every row.
 */
export class LocalTime {
  readonly #format: Intl.DateTimeFormat;

  /** Throws a RangeError for a zone the runtime does not know. */
  constructor(timeZone: string) {
    this.#format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
  }

  /** The local wall-clock time as a UTC instant with the same fields (what a spreadsheet shows). */
  wallClock(date: Date): Date {
    const parts: Record<string, number> = {};
    for (const part of this.#format.formatToParts(date)) if (part.type !== "literal") parts[part.type] = Number(part.value);
    return new Date(Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!));
  }

  /** `2025-11-25 17:33` in the zone: the text Excel and LibreOffice read as a date. */
  text(date: Date): string {
    return this.wallClock(date).toISOString().slice(0, 16).replace("T", " ");
  }
}

/** Whether the runtime knows this IANA zone (`Europe/Paris`, `Africa/Casablanca`, `UTC`). */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
