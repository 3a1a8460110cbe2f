import { listMessages, listMessagesInput } from "@confirma/api";
import { Hono } from "hono";
import type { AppDeps, AppEnv } from "../app-env.ts";
import { requireActor } from "./require-key.ts";
import { validate } from "./validate.ts";

/** A client's conversation: `/api/clients/:id/messages`. */
export function messagesRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get("/:id/messages", async (c) => {
    requireActor(c, deps);
    const input = validate(listMessagesInput, { ...c.req.query(), clientId: c.req.param("id") });
    return c.json(await listMessages(deps.services, input));
  });
}
