import { closeSync, existsSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";

/** Who holds DATA_DIR's embedded database. */
export interface LockHolder {
  pid: number;
  /** `start` for the server, else the command's name. */
  command: string;
  since: string;
  /** Where the server listens, once it does. */
  url?: string;
  /** The process's start time in clock ticks since boot (Linux), so a recycled pid is not taken for the holder. */
  startTicks?: string;
}

/** DATA_DIR's embedded database is in use by another live process. */
export class DataDirBusyError extends Error {
  constructor(readonly holder: LockHolder) {
    super(
      holder.command === "start"
        ? `the server is running on this DATA_DIR (pid ${holder.pid}${holder.url ? `, ${holder.url}` : ""}): stop it first — the embedded database can be opened by one process at a time`
        : `\`confirma ${holder.command}\` is running on this DATA_DIR (pid ${holder.pid}): wait for it to finish — the embedded database can be opened by one process at a time`,
    );
  }
}

export interface DataDirLock {
  /** Adds what others should know (the server's URL once it listens). */
  update(fields: Partial<Pick<LockHolder, "url">>): void;
  release(): void;
}

function lockFile(dataDir: string): string {
  return join(dataDir, "confirma.lock");
}

/**
 * Takes DATA_DIR's lock for the embedded database, which PGlite cannot share between processes
 * (two of them on the same files would corrupt it). The file names the holder; one left by a
 * process that died is taken over. Released on `release()` or when the process exits.
 * Throws `DataDirBusyError` while another live process holds it.
 */
export function acquireDataDirLock(dataDir: string, command: string): DataDirLock {
  const file = lockFile(dataDir);
  const holder: LockHolder = { pid: process.pid, command, since: new Date().toISOString(), ...startTicksOf(process.pid) };
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(file, "wx", 0o600);
      writeSync(fd, `${JSON.stringify(holder)}\n`);
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as { code?: string }).code !== "EEXIST" || attempt > 0) throw error;
      const current = liveHolder(dataDir);
      if (current) throw new DataDirBusyError(current);
      rmSync(file, { force: true });
    }
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    if (readHolder(file)?.pid === process.pid) rmSync(file, { force: true });
  };
  process.on("exit", release);
  return {
    update(fields) {
      Object.assign(holder, fields);
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(temporary, `${JSON.stringify(holder)}\n`, { mode: 0o600 });
      renameSync(temporary, file);
    },
    release() {
      release();
      process.off("exit", release);
    },
  };
}

/** The live process holding DATA_DIR's lock, or null (none, or one that died). */
export function liveHolder(dataDir: string): LockHolder | null {
  const file = lockFile(dataDir);
  if (!existsSync(file)) return null;
  const holder = readHolder(file);
  if (!holder || !isAlive(holder)) return null;
  return holder;
}

function readHolder(file: string): LockHolder | null {
  try {
    const holder = JSON.parse(readFileSync(file, "utf8")) as LockHolder;
    return Number.isInteger(holder.pid) ? holder : null;
  } catch {
    return null;
  }
}

function isAlive(holder: LockHolder): boolean {
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    // EPERM: it exists, under another user.
    if ((error as { code?: string }).code !== "EPERM") return false;
  }
  const now = startTicksOf(holder.pid).startTicks;
  return holder.startTicks === undefined || now === undefined || now === holder.startTicks;
}

/** Field 22 of `/proc/<pid>/stat` (Linux); nothing elsewhere. */
function startTicksOf(pid: number): { startTicks?: string } {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return fields[19] ? { startTicks: fields[19] } : {};
  } catch {
    return {};
  }
}
