import { tracked } from "@trpc/server";
import { z } from "zod";
import { protectedProcedure, router } from "./init.ts";

export const eventsRouter = router({
  /**
   * Live changes over SSE. Each event is tracked by its id: a client that reconnects sends
   * `lastEventId` and gets what it missed, replayed from the database.
   */
  onChange: protectedProcedure
    .input(z.strictObject({ lastEventId: z.string().regex(/^\d+$/).nullish() }).prefault({}))
    .subscription(async function* ({ ctx, input, signal }) {
      const from = input.lastEventId ? Number(input.lastEventId) : null;
      for await (const event of ctx.changeFeed.subscribe(from, signal)) yield tracked(event.id, event);
    }),
});
