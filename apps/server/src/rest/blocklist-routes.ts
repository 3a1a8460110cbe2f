import { blockPhone, blockPhoneInput, listBlocklist, listBlocklistInput, unblockPhone } from "@confirma/api";
import { Hono } from "hono";
import type { AppDeps } from "../app-env.ts";
import type { KeyedEnv } from "../http/require-integration-key.ts";
import { validBody, validate } from "./validate.ts";

/** `/api/blocklist`: numbers whose orders are never sent the request (they wait in review). */
export function blocklistRoutes(deps: AppDeps) {
  const { services } = deps;
  return new Hono<KeyedEnv>()
    .get("/", async (c) => c.json(await listBlocklist(services, validate(listBlocklistInput, c.req.query()))))
    .post("/", async (c) => {
      const input = await validBody(c.req.raw, blockPhoneInput);
      const { entry, created } = await blockPhone(services, input, c.get("actor"));
      return c.json(entry, created ? 201 : 200);
    })
    .delete("/:phone", async (c) => {
      await unblockPhone(services, c.req.param("phone"), c.get("actor"));
      return c.body(null, 204);
    });
}
