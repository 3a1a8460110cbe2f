import { existsSync } from "node:fs";
import { join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { DomainError } from "@confirma/api";
import { embeddedPath, STANDALONE } from "@confirma/db";
import type { Context, Next } from "hono";
import type { AppEnv } from "../app-env.ts";
import { MALFORMED_URL_MESSAGE } from "../http/malformed-url.ts";

/** Where `bun run build` puts the dashboard; inside the one-file executable, the copy it carries. */
export const DEFAULT_DASHBOARD_DIR = STANDALONE ? embeddedPath("dashboard") : fileURLToPath(new URL("../../../dashboard/dist", import.meta.url));

/**
 * Serves the built dashboard on the server's own origin: hashed assets cached for a year,
 * every other GET that is not an API path answered with `index.html` (client-side routes).
 * Returns null when the dashboard has not been built.
 */
export function serveDashboard(dir: string = DEFAULT_DASHBOARD_DIR) {
  const index = join(dir, "index.html");
  if (!existsSync(index)) return null;
  const root = normalize(dir) + sep;
  return async (c: Context<AppEnv>, next: Next) => {
    if (c.req.method !== "GET" && c.req.method !== "HEAD") return next();
    const path = decodedPath(c.req.path);
    if (/^\/(api|trpc|downloads)(\/|$)/.test(path) || path === "/healthz" || path === "/readyz") return next();
    const candidate = normalize(join(dir, path));
    if (candidate.startsWith(root) && path !== "/") {
      const file = Bun.file(candidate);
      if (await file.exists()) {
        const immutable = path.startsWith("/assets/");
        return new Response(file, {
          headers: { "cache-control": immutable ? "public, max-age=31536000, immutable" : "no-cache", "content-type": file.type },
        });
      }
      if (/\.[a-z0-9]+$/i.test(path)) return next();
    }
    return new Response(Bun.file(index), { headers: { "cache-control": "no-cache", "content-type": "text/html; charset=utf-8" } });
  };
}

/** Hono has decoded the path already, all but `%25` and reserved characters; those are decoded here. */
function decodedPath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    throw new DomainError("invalid_input", MALFORMED_URL_MESSAGE);
  }
}
