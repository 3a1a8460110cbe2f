import {
  createOutboundWebhook,
  createOutboundWebhookInput,
  deleteOutboundWebhook,
  getOutboundWebhook,
  idInput,
  listOutboundDeliveries,
  listOutboundDeliveriesInput,
  listOutboundWebhooks,
  sendOutboundTestEvent,
  updateOutboundWebhook,
  updateOutboundWebhookInput,
} from "@confirma/api";
import { Hono } from "hono";
import type { AppDeps } from "../app-env.ts";
import type { KeyedEnv } from "../http/require-integration-key.ts";
import { validBody, validate } from "./validate.ts";

/** `/api/outbound-webhooks`: endpoints that receive Confirma's events, their delivery logs, test events. The secret is in the 201 only. */
export function outboundWebhooksRoutes({ services }: AppDeps) {
  return new Hono<KeyedEnv>()
    .post("/", async (c) => c.json(await createOutboundWebhook(services, await validBody(c.req.raw, createOutboundWebhookInput), c.get("actor")), 201))
    .get("/", async (c) => c.json({ items: await listOutboundWebhooks(services) }))
    .get("/:id", async (c) => c.json(await getOutboundWebhook(services, validate(idInput, c.req.param("id")))))
    .patch("/:id", async (c) => {
      const id = validate(idInput, c.req.param("id"));
      return c.json(await updateOutboundWebhook(services, id, await validBody(c.req.raw, updateOutboundWebhookInput), c.get("actor")));
    })
    .delete("/:id", async (c) => {
      await deleteOutboundWebhook(services, validate(idInput, c.req.param("id")), c.get("actor"));
      return c.body(null, 204);
    })
    .post("/:id/test", async (c) => c.json(await sendOutboundTestEvent(services, validate(idInput, c.req.param("id")), c.get("actor")), 202))
    .get("/:id/deliveries", async (c) => {
      const id = validate(idInput, c.req.param("id"));
      return c.json(await listOutboundDeliveries(services, id, validate(listOutboundDeliveriesInput, c.req.query())));
    });
}
