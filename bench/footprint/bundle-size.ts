import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const DASHBOARD = fileURLToPath(new URL("../../apps/dashboard/", import.meta.url));

export interface BundleMeasure {
  files: { path: string; raw: number; gzip: number }[];
  rawBytes: number;
  gzipBytes: number;
  /** JavaScript chunks not loaded by a first visit (lazy pages). */
  lazyChunks: number;
}

export type BundleSize = ({ built: true } & BundleMeasure & { buildSeconds: number }) | { built: false; reason: string };

/** Static imports of a built chunk: `import … from "./x.js"` and `import "./x.js"`, not `import("./x.js")`. */
function staticImports(code: string): string[] {
  return [...code.matchAll(/(?:\bfrom\s*|\bimport\s*)["'](\.{1,2}\/[^"']+\.js)["']/g)].map((match) => match[1]!);
}

/** What a first visit downloads from a build folder: the entry chunk and its static imports, transitively. */
export async function measureBuilt(outDir: string): Promise<BundleMeasure> {
  const html = await Bun.file(join(outDir, "index.html")).text();
  const queue = [
    ...html.matchAll(/<script[^>]+type="module"[^>]+src="\/?([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/?([^"]+\.js)"/g),
  ].map((match) => match[1]!);
  const seen = new Set<string>();
  const files: BundleMeasure["files"] = [];
  while (queue.length > 0) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const bytes = new Uint8Array(await Bun.file(join(outDir, path)).arrayBuffer());
    files.push({ path, raw: bytes.byteLength, gzip: Bun.gzipSync(bytes, { level: 9 }).byteLength });
    const dir = path.includes("/") ? path.slice(0, path.lastIndexOf("/") + 1) : "";
    for (const imported of staticImports(new TextDecoder().decode(bytes))) queue.push(new URL(imported, `file:///${dir}`).pathname.slice(1));
  }
  const lazyChunks = [...new Bun.Glob("**/*.js").scanSync({ cwd: outDir })].filter((path) => !seen.has(path)).length;
  return { files, rawBytes: files.reduce((sum, file) => sum + file.raw, 0), gzipBytes: files.reduce((sum, file) => sum + file.gzip, 0), lazyChunks };
}

/**
 * Builds the dashboard (`bun run --cwd apps/dashboard build`) into a temporary folder — never
 * touching apps/dashboard/dist, which its authors use — and measures the first visit's JavaScript.
 */
export async function measureDashboardBundle(): Promise<BundleSize> {
  if (!existsSync(join(DASHBOARD, "package.json"))) return { built: false, reason: "apps/dashboard does not exist" };
  const outDir = mkdtempSync(join(tmpdir(), "confirma-bench-dashboard-"));
  try {
    const started = performance.now();
    const build = Bun.spawn(["bun", "run", "--cwd", DASHBOARD, "build", "--outDir", outDir, "--emptyOutDir"], { stdout: "pipe", stderr: "pipe" });
    const [stdout, stderr, code] = await Promise.all([new Response(build.stdout).text(), new Response(build.stderr).text(), build.exited]);
    const buildSeconds = (performance.now() - started) / 1000;
    if (code !== 0 || !(await Bun.file(join(outDir, "index.html")).exists())) {
      // biome-ignore lint: ANSI colour codes
      const lines = `${stdout}\n${stderr}`.replace(/\x1b\[[0-9;]*m/g, "").split("\n");
      const why = (lines.find((line) => /^\s*\[[A-Z_]+\]/.test(line)) ?? lines.find((line) => /error:/i.test(line)))?.trim() ?? `exit ${code}`;
      return { built: false, reason: `build failed: ${why}` };
    }
    return { built: true, ...(await measureBuilt(outDir)), buildSeconds };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

/** apps/dashboard/dist as someone last built it (not necessarily this run's code), with its date. */
export async function measureExistingDist(): Promise<(BundleMeasure & { builtAt: Date }) | undefined> {
  const dist = join(DASHBOARD, "dist");
  const index = Bun.file(join(dist, "index.html"));
  if (!(await index.exists())) return undefined;
  return { ...(await measureBuilt(dist)), builtAt: new Date(index.lastModified) };
}
