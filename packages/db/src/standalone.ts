import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Extension } from "@electric-sql/pglite";

/**
 * True inside the one-file `confirma` executable (`bun build --compile`, see
 * scripts/build-binary.ts). Every module of it is bundled into one file in Bun's embedded file
 * system, so `import.meta.url` is the executable's own address there, and the files it carries
 * (migrations, the dashboard, PGlite's WebAssembly and extension bundles) sit beside it.
 */
export const STANDALONE = import.meta.url.startsWith("file:///$bunfs/");

/** Where a file embedded with `--asset` is read from inside the executable. */
export function embeddedPath(name: string): string {
  return join(import.meta.dir, name);
}

let unpacked: string | undefined;
/**
 * PGlite reads an extension bundle through `fs.createReadStream`, which Bun's embedded file
 * system does not serve; inside the executable each bundle is copied once to a private
 * temporary folder (removed at exit) and PGlite is pointed there.
 */
export function embeddedExtension(extension: Extension, bundle: string): Extension {
  if (!unpacked) {
    const folder = mkdtempSync(join(tmpdir(), "confirma-pglite-"));
    process.once("exit", () => rmSync(folder, { recursive: true, force: true }));
    unpacked = folder;
  }
  const file = join(unpacked, bundle);
  writeFileSync(file, readFileSync(embeddedPath(bundle)), { mode: 0o600 });
  return {
    ...extension,
    setup: async (pg, options, clientOnly) => ({ ...(await extension.setup(pg, options, clientOnly)), bundlePath: new URL(`file://${file}`) }),
  };
}
