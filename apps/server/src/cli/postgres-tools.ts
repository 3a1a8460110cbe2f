import { CommandFailure } from "./command.ts";

/**
 * Runs a PostgreSQL client tool (`pg_dump`, `pg_restore`) against `url`: the password travels
 * in PGPASSWORD, never on the command line where `ps` shows it. Fails with the tool's first
 * error line when it exits non-zero.
 */
export async function runPostgresTool(tool: "pg_dump" | "pg_restore", url: string, args: string[]): Promise<void> {
  const path = Bun.which(tool);
  if (!path) {
    throw new CommandFailure(
      `${tool} is not installed (or not on PATH): install the PostgreSQL client tools of your server's major version (Debian/Ubuntu: apt install postgresql-client)`,
    );
  }
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = "";
  const child = Bun.spawn([path, `--dbname=${parsed.toString()}`, "--no-password", ...args], {
    env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) },
    stdin: "ignore",
    stdout: "ignore",
    stderr: "pipe",
  });
  const [code, stderr] = await Promise.all([child.exited, new Response(child.stderr).text()]);
  if (code !== 0) {
    const line = stderr.split("\n").find((text) => /error|fatal/i.test(text)) ?? stderr.split("\n")[0] ?? "";
    throw new CommandFailure(`${tool} failed (exit ${code}): ${line.trim() || "no message"}`);
  }
}

/** `pg_dump (PostgreSQL) 16.4` → `16.4`, for saying what made a backup. */
export async function postgresToolVersion(tool: "pg_dump" | "pg_restore"): Promise<string | null> {
  const path = Bun.which(tool);
  if (!path) return null;
  const output = await new Response(Bun.spawn([path, "--version"], { stdout: "pipe", stderr: "ignore" }).stdout).text();
  return /(\d+(?:\.\d+)*)/.exec(output)?.[1] ?? null;
}
