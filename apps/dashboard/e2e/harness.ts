import { afterAll, afterEach, beforeAll } from "bun:test";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { openTestDatabase } from "@confirma/db/testing";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { spawnServer, type SpawnedServer } from "@confirma/server/testing";

/** Everything the browser tests need: a fresh build, the real server on a fresh database, Chromium. */
export const DASHBOARD_DIR = join(import.meta.dir, "..");
export const SCREENSHOTS_DIR = join(DASHBOARD_DIR, "screenshots");
export const TEST_KEY = "e2e-dashboard-key-0123456789";
export const ADMIN = { email: "admin@example.com", password: "admin-password-e2e" };

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/** Builds the dashboard unless `dist` is newer than every source file. */
export async function ensureBuilt(): Promise<void> {
  const sources = ["src", "index.html", "vite.config.ts", "package.json"].map((name) => newestMtime(join(DASHBOARD_DIR, name)));
  // The shared domain package is bundled too.
  sources.push(newestMtime(dirname(fileURLToPath(import.meta.resolve("@confirma/domain")))));
  let built = 0;
  try {
    built = statSync(join(DASHBOARD_DIR, "dist", "index.html")).mtimeMs;
  } catch {
    // Not built yet.
  }
  if (built > Math.max(...sources)) return;
  const build = Bun.spawn(["bun", "run", "build"], { cwd: DASHBOARD_DIR, stdout: "pipe", stderr: "pipe" });
  const [code, out, err] = await Promise.all([build.exited, new Response(build.stdout).text(), new Response(build.stderr).text()]);
  if (code !== 0) throw new Error(`dashboard build failed (${code}):\n${out}\n${err}`);
}

export interface Harness {
  url: string;
  server: SpawnedServer;
  /** Kills the server (no graceful shutdown) and starts it again on the same port and data. */
  restartServer(): Promise<void>;
  browser: Browser;
  /** A fresh browser profile (own cookies and storage), French, Paris time. */
  newContext(options?: { width?: number; height?: number }): Promise<BrowserContext>;
  /** Closes every profile `newContext` opened: each test's pages end with it (`afterEach`). */
  closeContexts(): Promise<void>;
  close(): Promise<void>;
}

/** A port nobody listens on right now (for a server that must come back on the same one). */

export async function startHarness({ port = 0, env: extraEnv = {} as Record<string, string> } = {}): Promise<Harness> {
  await ensureBuilt();
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), "confirma-e2e-"));
  const database = process.env.DATABASE_URL ? await openTestDatabase() : undefined;
  const env = {
    DATA_DIR: dataDir,
    WHATSAPP_API_KEY: TEST_KEY,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    PORT: String(port),
    ...(database?.url ? { DATABASE_URL: database.url } : {}),
    ...extraEnv,
  };
  let server = await spawnServer(env, { timeoutMs: 60_000 }).catch(async (error) => {
    await database?.close();
    throw error;
  });
  const contexts = new Set<BrowserContext>();
  const browser = await chromium
    .launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    })
    .catch(async (error) => {
      // No browser: do not leave the server running behind the failed test file.
      await server.stop("SIGTERM").catch(() => null);
      await database?.close();
      rmSync(dataDir, { recursive: true, force: true });
      throw error;
    });
  return {
    url: server.url,
    get server() {
      return server;
    },
    async restartServer() {
      await server.stop("SIGKILL");
      server = await spawnServer(env, { timeoutMs: 60_000 });
    },
    browser,
    async newContext({ width = 1280, height = 860 } = {}) {
      const context = await browser.newContext({
        baseURL: server.url,
        viewport: { width, height },
        locale: "fr-FR",
        timezoneId: "Europe/Paris",
        acceptDownloads: true,
      });
      contexts.add(context);
      context.on("close", () => contexts.delete(context));
      return context;
    },
    async closeContexts() {
      await Promise.all([...contexts].map((context) => context.close().catch(() => {})));
    },
    async close() {
      await browser.close().catch(() => {});
      await server.stop("SIGTERM").catch(() => null);
      await database?.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The test file's harness: one server and one browser, started before the file's first test and
 * stopped after its last; the browser profiles a test opened are closed after it. The object is
 * usable at once (`const harness = useHarness();`); its members work from `beforeAll` on.
 */
export function useHarness(options: Parameters<typeof startHarness>[0] = {}): Harness {
  let started: Harness | undefined;
  const current = () => {
    if (!started) throw new Error("the harness starts in beforeAll");
    return started;
  };
  beforeAll(async () => {
    started = await startHarness(options);
  });
  afterEach(async () => {
    await started?.closeContexts();
  });
  afterAll(async () => {
    await started?.close();
  });
  return {
    get url() {
      return current().url;
    },
    get server() {
      return current().server;
    },
    get browser() {
      return current().browser;
    },
    restartServer: () => current().restartServer(),
    newContext: (contextOptions) => current().newContext(contextOptions),
    closeContexts: () => current().closeContexts(),
    close: () => current().close(),
  };
}

/** Posts a message in the seed's webhook format, as a WhatsApp provider would. */
export async function postWebhook(url: string, from: string, body: string): Promise<void> {
  const response = await fetch(`${url}/api/webhook/whatsapp`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": TEST_KEY },
    body: JSON.stringify({ from, body, type: "text" }),
  });
  if (response.status !== 200) throw new Error(`webhook answered ${response.status}: ${await response.text()}`);
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/");
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
}

/**
 * Saves `screenshots/<name>.png` (toasts hidden: they would cover the page). A full page is shot
 * through a viewport as tall as the page, so sticky bars stay where they belong instead of being
 * stitched into the middle of the picture.
 */
export async function screenshot(page: Page, name: string, { fullPage = true } = {}): Promise<void> {
  // Let fonts and the last live refresh settle.
  await page.waitForTimeout(200);
  const path = join(SCREENSHOTS_DIR, `${name}.png`);
  const style = ".toasts { display: none !important; }";
  const viewport = page.viewportSize();
  if (!fullPage || !viewport) {
    await page.screenshot({ path, style });
    return;
  }
  const height = await page.evaluate(() => Math.max(document.documentElement.scrollHeight, document.body.scrollHeight));
  if (height > viewport.height) await page.setViewportSize({ width: viewport.width, height: Math.min(height, 8000) });
  try {
    await page.waitForTimeout(100);
    await page.screenshot({ path, style });
  } finally {
    if (height > viewport.height) await page.setViewportSize(viewport);
  }
}

/** Text as a person reads it: Intl's no-break spaces as plain spaces. */
export const plain = (text: string | null) => (text ?? "").replace(/[\u00a0\u202f]/g, " ").trim();
