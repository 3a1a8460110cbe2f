import type { Context, Next } from "hono";
import type { AppEnv } from "../app-env.ts";
import { errorResponse } from "./error-response.ts";

/**
 * Refuses a URL whose percent-encoding does not decode (`/%E0%A4%A`, a lone `%`, bytes that
 * are not UTF-8) with 400 `invalid_input`, before any route reads its path or query: Hono
 * would otherwise pass the raw text on, and a decoding route would fail with a 500. tRPC
 * paths are left to tRPC, which answers the same 400 in the shape its clients read.
 */
export const MALFORMED_URL_MESSAGE = "the URL holds a malformed percent-encoding (write % itself as %25)";

export function refuseMalformedUrl() {
  return async (c: Context<AppEnv>, next: Next) => {
    const url = c.req.url;
    const target = url.slice(url.indexOf("/", url.indexOf("//") + 2));
    if (!c.req.path.startsWith("/trpc/") && !decodes(target)) {
      return errorResponse(c, "invalid_input", MALFORMED_URL_MESSAGE);
    }
    return next();
  };
}

function decodes(target: string): boolean {
  try {
    decodeURI(target);
    return true;
  } catch {
    return false;
  }
}
