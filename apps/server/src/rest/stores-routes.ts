import { createStore, createStoreInput, deleteStore, getStore, idInput, listStores, updateStore, updateStoreInput } from "@confirma/api";
import { Hono } from "hono";
import type { AppDeps } from "../app-env.ts";
import { publicBaseUrl } from "../http/public-base-url.ts";
import type { KeyedEnv } from "../http/require-integration-key.ts";
import { validBody, validate } from "./validate.ts";

/** `/api/stores`: connect and manage stores with the integration key. Secrets go in, never come out. */
export function storesRoutes(deps: AppDeps) {
  const { services } = deps;
  return new Hono<KeyedEnv>()
    .post("/", async (c) => {
      const input = await validBody(c.req.raw, createStoreInput);
      return c.json(await createStore(services, input, c.get("actor"), publicBaseUrl(c.req.raw, c.get("peerAddress"), deps.config)), 201);
    })
    .get("/", async (c) => c.json({ items: await listStores(services, publicBaseUrl(c.req.raw, c.get("peerAddress"), deps.config)) }))
    .get("/:id", async (c) =>
      c.json(await getStore(services, validate(idInput, c.req.param("id")), publicBaseUrl(c.req.raw, c.get("peerAddress"), deps.config))),
    )
    .patch("/:id", async (c) => {
      const id = validate(idInput, c.req.param("id"));
      const input = await validBody(c.req.raw, updateStoreInput);
      return c.json(await updateStore(services, id, input, c.get("actor"), publicBaseUrl(c.req.raw, c.get("peerAddress"), deps.config)));
    })
    .delete("/:id", async (c) => {
      await deleteStore(services, validate(idInput, c.req.param("id")), c.get("actor"));
      return c.body(null, 204);
    });
}
