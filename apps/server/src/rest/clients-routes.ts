import {
  createClient,
  createClientInput,
  deleteClient,
  DomainError,
  eraseClient,
  exportClient,
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
    .get("/:id/export", async (c) => {
      const id = validate(idInput, c.req.param("id"));
      const document = await exportClient(services, id);
      c.header("Content-Disposition", `attachment; filename="client-${id}.json"`);
      c.header("Cache-Control", "no-store");
      return c.json(document);
    })
    .delete("/:id", async (c) => {
      const id = validate(idInput, c.req.param("id"));
      // `?erase=true`: the customer's personal data goes, their orders stay (GDPR erasure).
      const erase = c.req.query("erase");
      if (erase !== undefined && erase !== "true" && erase !== "false") throw new DomainError("invalid_input", "erase must be true or false");
      if (erase === "true") await eraseClient(services, id, c.get("actor"));
      else await deleteClient(services, id);
      return c.body(null, 204);
    });
}
