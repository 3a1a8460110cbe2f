import {
  createClient,
  createClientInput,
  deleteClient,
  getClient,
  idInput,
  listClients,
  listClientsInput,
  updateClient,
  updateClientInput,
} from "@confirma/api";
import { Hono } from "hono";
import type { AppDeps } from "../app-env.ts";
import type { KeyedEnv } from "../http/require-integration-key.ts";
import { validBody, validate } from "./validate.ts";

/** The seed's client routes: `/api/clients`. */
export function clientsRoutes(deps: AppDeps) {
  const { services } = deps;
  return new Hono<KeyedEnv>()
    .post("/", async (c) => {
      const actor = c.get("actor");
      const input = await validBody(c.req.raw, createClientInput);
      const { client, created } = await createClient(services, input, actor);
      return c.json(client, created ? 201 : 200);
    })
    .get("/", async (c) => {
      return c.json(await listClients(services, validate(listClientsInput, c.req.query())));
    })
    .get("/:id", async (c) => {
      return c.json(await getClient(services, validate(idInput, c.req.param("id"))));
    })
    .put("/:id", async (c) => {
      const actor = c.get("actor");
      const input = await validBody(c.req.raw, updateClientInput);
      return c.json(await updateClient(services, validate(idInput, c.req.param("id")), input, actor));
    })
    .delete("/:id", async (c) => {
      await deleteClient(services, validate(idInput, c.req.param("id")));
      return c.body(null, 204);
    });
}
