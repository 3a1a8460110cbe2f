import { listCatalogueProducts, productCatalogueInput } from "@confirma/api";
import { Hono } from "hono";
import type { AppDeps } from "../app-env.ts";
import type { KeyedEnv } from "../http/require-integration-key.ts";
import { validate } from "./validate.ts";

/** `/api/products`: the products already sold (`?search=&limit=`), the same service as `orders.products`. */
export function productsRoutes(deps: AppDeps) {
  const { services } = deps;
  return new Hono<KeyedEnv>().get("/", async (c) => c.json({ items: await listCatalogueProducts(services, validate(productCatalogueInput, c.req.query())) }));
}
