import { chownSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const VERSIONS = existsSync("/usr/lib/postgresql") ? (await Array.fromAsync(new Bun.Glob("*/bin/initdb").scan({ cwd: "/usr/lib/postgresql" }))).sort() : [];
/** Where this machine's PostgreSQL server binaries are, if it has them. */
export const POSTGRES_BIN = VERSIONS.length ? join("/usr/lib/postgresql", VERSIONS.at(-1)!, "..") : null;

/**
 * A throwaway PostgreSQL cluster of our own on a free port, so a test can stop and restart the
 * database under load without disturbing anything else using the machine's server.
 */
export async function startPrivatePostgres() {
  if (!POSTGRES_BIN) throw new Error("no PostgreSQL server binaries on this machine");
  const dir = mkdtempSync(join(tmpdir(), "confirma-pg-"));
  const asRoot = process.getuid?.() === 0;
  if (asRoot)
    chownSync(
      dir,
      Number(Bun.spawnSync(["id", "-u", "postgres"]).stdout.toString().trim()),
      Number(Bun.spawnSync(["id", "-g", "postgres"]).stdout.toString().trim()),
    );
  const run = (command: string[]) => {
    const result = Bun.spawnSync(asRoot ? ["runuser", "-u", "postgres", "--", ...command] : command, { stdout: "pipe", stderr: "pipe" });
    if (result.exitCode !== 0) throw new Error(`${command.join(" ")} failed: ${result.stderr.toString()}`);
  };
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const data = join(dir, "data");
  run([join(POSTGRES_BIN, "initdb"), "-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]);
  const start = () =>
    run([
      join(POSTGRES_BIN, "pg_ctl"),
      "-D",
      data,
      "-l",
      join(dir, "log"),
      "-w",
      "-o",
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`,
      "start",
    ]);
  /** `fast` ends sessions cleanly; `immediate` kills the server as a crash would (recovery on start). */
  const stop = (mode: "fast" | "immediate" = "fast") => run([join(POSTGRES_BIN, "pg_ctl"), "-D", data, "-m", mode, "-w", "stop"]);
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop,
    async destroy() {
      try {
        stop();
      } catch {}
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
