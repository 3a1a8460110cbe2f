/**
 * `bun run size`: the JavaScript a first visit downloads — the entry chunk and the chunks it
 * imports statically (what `dist/index.html` loads and preloads) — per file and in total,
 * raw and gzipped. Pages are lazy chunks and are listed apart. Exits 1 over the budget.
 * French is the first visit's language; an English visit also fetches the English catalogue's
 * chunk before it renders, shown on its own line.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const BUDGET_GZIP_BYTES = 60 * 1024;
const dist = join(import.meta.dir, "..", "dist");

const indexFile = Bun.file(join(dist, "index.html"));
if (!(await indexFile.exists())) {
  console.error("dist/index.html is missing: run `bun run build` first");
  process.exit(1);
}
const html = await indexFile.text();
const initial = [
  ...html.matchAll(/<script[^>]+type="module"[^>]+src="\/([^"]+\.js)"/g),
  ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/([^"]+\.js)"/g),
].map((match) => match[1]!);
const styles = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="\/([^"]+\.css)"/g)].map((match) => match[1]!);

async function measure(path: string) {
  const bytes = new Uint8Array(await Bun.file(join(dist, path)).arrayBuffer());
  return { path, raw: bytes.byteLength, gzip: gzipSync(bytes, { level: 9 }).byteLength };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
function print(title: string, rows: { path: string; raw: number; gzip: number }[]) {
  console.log(title);
  for (const row of rows) console.log(`  ${row.path.padEnd(44)} ${kb(row.raw).padStart(10)} raw ${kb(row.gzip).padStart(10)} gzip`);
  const raw = rows.reduce((sum, row) => sum + row.raw, 0);
  const gzip = rows.reduce((sum, row) => sum + row.gzip, 0);
  console.log(`  ${"total".padEnd(44)} ${kb(raw).padStart(10)} raw ${kb(gzip).padStart(10)} gzip`);
  return gzip;
}

const initialRows = await Promise.all([...new Set(initial)].map(measure));
const lazyRows = await Promise.all(
  readdirSync(join(dist, "assets"))
    .filter((name) => name.endsWith(".js") && !initial.includes(`assets/${name}`))
    .map((name) => measure(`assets/${name}`)),
);
const initialGzip = print("initial JS (entry + static imports)", initialRows);
print("initial CSS", await Promise.all(styles.map(measure)));
print(
  "lazy chunks (pages, loaded on navigation)",
  lazyRows.sort((a, b) => b.gzip - a.gzip),
);
const english = lazyRows.find((row) => /^assets\/en-[\w-]+\.js$/.test(row.path));
console.log(`initial JS gzip: ${kb(initialGzip)} (budget ${kb(BUDGET_GZIP_BYTES)})`);
if (english) console.log(`an English first visit adds ${english.path}: ${kb(initialGzip + english.gzip)} gzip in all`);
if (initialGzip > BUDGET_GZIP_BYTES) process.exit(1);
