import { tracked } from "@trpc/server";
import { z } from "zod";
import { DomainError } from "../errors/domain-error.ts";
import { protectedProcedure, router, trpcErrorOf } from "./init.ts";

/** An event id as handed out (a feed position), or a numeric one from before positions existed. */
const EVENT_ID = /^(?:\d{1,19}|\d{1,20}:\d{1,20}:(?:\d{1,20}(?:,\d{1,20})*)?)$/;

export const eventsRouter = router({
  /**
   * Live changes over SSE. Each event is tracked by an opaque id: a client that reconnects sends
   * it as `lastEventId` and gets what committed since, replayed from the database. Open
   * subscriptions are capped per session (or key) and per process: past a cap the stream ends
   * with `too_many_subscriptions` (429).
   */
  onChange: protectedProcedure
    .input(z.strictObject({ lastEventId: z.string().max(2_048).regex(EVENT_ID).nullish() }).prefault({}))
    .subscription(async function* ({ ctx, input, signal }) {
      // A dashboard tab counts against its session; integrations against their key.
      const owner = ctx.user && ctx.session.token ? `session:${ctx.session.token}` : `${ctx.actor.type}:${ctx.actor.id}`;
      try {
        for await (const { eventId, change } of ctx.changeFeed.subscribe(input.lastEventId ?? null, { owner, signal })) yield tracked(eventId, change);
      } catch (error) {
        throw error instanceof DomainError ? trpcErrorOf(error) : error;
      }
    }),
});
