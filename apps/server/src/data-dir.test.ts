import { afterAll, expect, test } from "bun:test";
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openTestDatabase } from "@confirma/db/testing";
import { spawnServer } from "./testing/spawn-server.ts";

/** DATA_DIR: private to the service user, and a folder that cannot be used stops start-up with one clear line. */
const root = mkdtempSync(join(tmpdir(), "confirma-datadir-"));
const database = process.env.DATABASE_URL ? await openTestDatabase() : undefined;
const databaseEnv = database?.url ? { DATABASE_URL: database.url } : {};
afterAll(async () => {
  await database?.close();
  rmSync(root, { recursive: true, force: true });
});

/** Every path under `dir` (itself included) whose mode lets group or others in. */
function looseModes(dir: string): string[] {
  const loose: string[] = [];
  const walk = (path: string) => {
    const stats = lstatSync(path);
    if (stats.isSymbolicLink()) return;
    if ((stats.mode & 0o077) !== 0) loose.push(`${path} ${(stats.mode & 0o777).toString(8)}`);
    if (stats.isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
  };
  walk(dir);
  return loose;
}

function loosen(path: string) {
  const stats = lstatSync(path);
  chmodSync(path, stats.isDirectory() ? 0o777 : 0o666);
  if (stats.isDirectory()) for (const name of readdirSync(path)) loosen(join(path, name));
}

async function storeOneMessage(url: string, id: string, key: string) {
  const response = await fetch(`${url}/api/webhook/whatsapp`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": key },
    body: JSON.stringify({ from: "33612345678", body: "Bonjour", type: "text", id }),
  });
  expect(response.status).toBe(200);
}

/** Starts main.ts expecting it to refuse; returns its exit code and what it printed on stderr. */
async function failedStart(env: Record<string, string>) {
  const child = Bun.spawn(["bun", join(import.meta.dir, "main.ts")], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, HOST: "127.0.0.1", PORT: "0", ...databaseEnv, ...env },
    stdout: "pipe",
    stderr: "pipe",
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
  const [code, stderr] = await Promise.all([child.exited, new Response(child.stderr).text()]);
  clearTimeout(timer);
  return { code, lines: stderr.trim().split("\n") };
}

test("DATA_DIR and everything the server writes in it are owner-only, on a fresh folder and on one left with loose modes", async () => {
  const dataDir = join(root, "fresh", "data");
  const first = await spawnServer({ DATA_DIR: dataDir, ...databaseEnv });
  const key = /"whatsappApiKey": "([^"]+)"/.exec(await Bun.file(join(dataDir, "secrets.json")).text())![1]!;
  await storeOneMessage(first.url, "modes-1", key);
  expect(await first.stop("SIGTERM")).toBe(0);
  expect(lstatSync(dataDir).mode & 0o777).toBe(0o700);
  expect(looseModes(dataDir)).toEqual([]);

  // An older version left files readable and writable by everyone (the WAL holds password hashes).
  loosen(dataDir);
  expect(looseModes(dataDir).length).toBeGreaterThan(0);
  const second = await spawnServer({ DATA_DIR: dataDir, ...databaseEnv });
  await storeOneMessage(second.url, "modes-2", key);
  expect(await second.stop("SIGTERM")).toBe(0);
  expect(looseModes(dataDir)).toEqual([]);
}, 240_000);

test("a DATA_DIR that is not a folder stops start-up with one line naming it and the cause", async () => {
  const file = join(root, "a-file");
  writeFileSync(file, "not a folder");
  const { code, lines } = await failedStart({ DATA_DIR: join(file, "data") });
  expect(code).toBe(1);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(join(file, "data"));
  expect(lines[0]).toContain("not a folder");
}, 60_000);

test("a disk with less free space than MIN_FREE_SPACE stops start-up with one line saying so", async () => {
  const { code, lines } = await failedStart({ DATA_DIR: join(root, "margin"), MIN_FREE_SPACE: "1000000GB" });
  expect(code).toBe(1);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(join(root, "margin"));
  expect(lines[0]).toContain("almost no space left on device");
  expect(lines[0]).toContain("MIN_FREE_SPACE");
}, 60_000);

/** A small file system of our own (root only): read-only, or full. */
function mountTmpfs(dir: string, options: string): boolean {
  if (process.getuid?.() !== 0) return false;
  mkdirSync(dir, { recursive: true });
  return Bun.spawnSync(["mount", "-t", "tmpfs", "-o", options, "tmpfs", dir]).exitCode === 0;
}
const unmount = (dir: string) => Bun.spawnSync(["umount", dir]);

test("a read-only DATA_DIR stops start-up with one line naming it and the cause", async () => {
  const dir = join(root, "read-only");
  if (!mountTmpfs(dir, "ro,size=1m")) return console.warn("skipped: cannot mount a file system here");
  try {
    const { code, lines } = await failedStart({ DATA_DIR: join(dir, "data") });
    expect(code).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(join(dir, "data"));
    expect(lines[0]).toContain("read-only file system");
  } finally {
    unmount(dir);
  }
}, 60_000);

test("a full DATA_DIR stops start-up with one line naming it and the cause", async () => {
  const dir = join(root, "full");
  if (!mountTmpfs(dir, "size=2m")) return console.warn("skipped: cannot mount a file system here");
  try {
    mkdirSync(join(dir, "data"));
    Bun.spawnSync(["dd", "if=/dev/zero", `of=${join(dir, "filler")}`, "bs=64k"]);
    const { code, lines } = await failedStart({ DATA_DIR: join(dir, "data"), MIN_FREE_SPACE: "0" });
    expect(code).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(join(dir, "data"));
    expect(lines[0]).toContain("no space left on device");
  } finally {
    unmount(dir);
  }
}, 60_000);

test.skipIf(Boolean(process.env.DATABASE_URL))(
  "the embedded database running out of space while it is created stops start-up with one line",
  async () => {
    const dir = join(root, "small");
    if (!mountTmpfs(dir, "size=6m")) return console.warn("skipped: cannot mount a file system here");
    try {
      const { code, lines } = await failedStart({ DATA_DIR: join(dir, "data"), MIN_FREE_SPACE: "0" });
      expect(code).toBe(1);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(join(dir, "data"));
      expect(lines[0]).toContain("no space left on device");
    } finally {
      unmount(dir);
    }
  },
  90_000,
);
