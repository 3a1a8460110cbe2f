import {
  createCannedReply,
  createCannedReplyInput,
  deleteCannedReply,
  getCannedReply,
  idInput,
  listCannedReplies,
  listCannedRepliesInput,
  updateCannedReply,
  updateCannedReplyInput,
} from "@confirma/api";
import { Hono } from "hono";
import type { AppDeps } from "../app-env.ts";
import type { KeyedEnv } from "../http/require-integration-key.ts";
import { validBody, validate } from "./validate.ts";

/** `/api/canned-replies`: the quick replies agents insert with `/`; `{ items, deliveryDate }` on list. */
export function cannedRepliesRoutes({ services }: AppDeps) {
  return new Hono<KeyedEnv>()
    .get("/", async (c) => c.json(await listCannedReplies(services, validate(listCannedRepliesInput, c.req.query()))))
    .post("/", async (c) => c.json(await createCannedReply(services, await validBody(c.req.raw, createCannedReplyInput), c.get("actor")), 201))
    .get("/:id", async (c) => c.json(await getCannedReply(services, validate(idInput, c.req.param("id")))))
    .patch("/:id", async (c) => {
      const id = validate(idInput, c.req.param("id"));
      return c.json(await updateCannedReply(services, id, await validBody(c.req.raw, updateCannedReplyInput), c.get("actor")));
    })
    .delete("/:id", async (c) => {
      await deleteCannedReply(services, validate(idInput, c.req.param("id")), c.get("actor"));
      return c.body(null, 204);
    });
}
