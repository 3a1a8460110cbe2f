import type { Executor } from "@confirma/db";
import { mediaViewsOf } from "../media/media-service.ts";
import { eventMessageIds, type RenderContext, type StoredEvent } from "./render-event.ts";

/**
 * What rendering these events needs beyond their rows: their messages' files as they are now
 * (one query), their URLs built on `baseUrl` (`Services.publicBaseUrl`). Read at each attempt, so a retry tells a receiver
 * the file is ready once it is.
 */
export async function loadRenderContext(db: Executor, events: readonly StoredEvent[], baseUrl: string | undefined): Promise<RenderContext> {
  return { media: await mediaViewsOf(db, eventMessageIds(events)), baseUrl };
}
