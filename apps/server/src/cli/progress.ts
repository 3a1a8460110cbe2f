/** How often a line of progress is written when stderr is not a terminal (a log, a pipe). */
const PIPED_EVERY_MS = 2_000;
const TERMINAL_EVERY_MS = 100;

export interface Progress {
  /** The state of the work in hand, shown in place on a terminal, now and then otherwise. */
  update(text: string): void;
  /** A finished step, always written on its own line. */
  done(text: string): void;
}

/**
 * Progress of long work on stderr, so stdout keeps only the result: one line rewritten in place on
 * a terminal, a line every couple of seconds in a log.
 */
export function progressOn(stream: NodeJS.WriteStream = process.stderr): Progress {
  const terminal = stream.isTTY === true;
  let shownAt = -Infinity;
  let pending = false;
  return {
    update(text) {
      const now = performance.now();
      if (now - shownAt < (terminal ? TERMINAL_EVERY_MS : PIPED_EVERY_MS)) return;
      shownAt = now;
      pending = terminal;
      stream.write(terminal ? `\r\x1b[2K${text}` : `${text}\n`);
    },
    done(text) {
      stream.write(pending ? `\r\x1b[2K${text}\n` : `${text}\n`);
      pending = false;
      shownAt = -Infinity;
    },
  };
}

/** `12345` → `12,345`. */
export function count(value: number | bigint): string {
  return value.toLocaleString("en-US");
}
