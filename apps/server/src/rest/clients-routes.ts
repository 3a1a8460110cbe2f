import { createClient, createClientInput, deleteClient, getClient, idInput, listClients, listClientsInput, updateClient, updateClientInput } from "@confirma/api";
import { Hono } from "hono";
import type { AppDeps, AppEnv } from "../app-env.ts";
import { requireActor } from "./require-key.ts";
import { validBody, validate } from "./validate.ts";

/** The seed's client routes: `/api/clients`. */
export function clientsRoutes(deps: AppDeps) {
  const { services } = deps;
  return new Hono<AppEnv>()
    .post("/", async (c) => {
      const actor = requireActor(c, deps);
      const input = await validBody(c.req.raw, createClientInput);
      const { client, created } = await createClient(services, input, actor);
      return c.json(client, created ? 201 : 200);
    })
    .get("/", async (c) => {
      requireActor(c, deps);
      return c.json(await listClients(services, validate(listClientsInput, c.req.query())));
    })
    .get("/:id", async (c) => {
      requireActor(c, deps);
      return c.json(await getClient(services, validate(idInput, c.req.param("id"))));
    })
    .put("/:id", async (c) => {
      const actor = requireActor(c, deps);
      const input = await validBody(c.req.raw, updateClientInput);
      return c.json(await updateClient(services, validate(idInput, c.req.param("id")), input, actor));
    })
    .delete("/:id", async (c) => {
      requireActor(c, deps);
      await deleteClient(services, validate(idInput, c.req.param("id")));
      return c.body(null, 204);
    });
}
