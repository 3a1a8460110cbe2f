import { listMessages, listMessagesInput } from "@confirma/api";
import { Hono } from "hono";
import type { AppDeps } from "../app-env.ts";
import type { KeyedEnv } from "../http/require-integration-key.ts";
import { validate } from "./validate.ts";

/** A client's conversation: `/api/clients/:id/messages`. */
export function messagesRoutes(deps: AppDeps) {
  return new Hono<KeyedEnv>().get("/:id/messages", async (c) => {
    const input = validate(listMessagesInput, { ...c.req.query(), clientId: c.req.param("id") });
    return c.json(await listMessages(deps.services, input));
  });
}
