export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

/** One JSON object per line on stdout: `{ time, level, msg, …fields }`. */
export function createLogger({
  level = "info",
  write = (line: string) => process.stdout.write(line),
}: {
  level?: LogLevel;
  write?: (line: string) => void;
} = {}): Logger {
  const threshold = ORDER[level];
  const log =
    (lineLevel: Exclude<LogLevel, "silent">) =>
    (msg: string, fields: LogFields = {}) => {
      if (ORDER[lineLevel] < threshold) return;
      write(`${JSON.stringify({ time: new Date().toISOString(), level: lineLevel, msg, ...fields })}\n`);
    };
  return { debug: log("debug"), info: log("info"), warn: log("warn"), error: log("error") };
}
