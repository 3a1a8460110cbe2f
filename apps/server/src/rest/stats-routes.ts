import { kpiInput, kpis } from "@confirma/api";
import { Hono } from "hono";
import type { AppDeps } from "../app-env.ts";
import type { KeyedEnv } from "../http/require-integration-key.ts";
import { validate } from "./validate.ts";

/** `/api/stats`: the overview's KPIs (`?period=&from=&to=&by=&tz=`), the same service as `stats.kpis`. */
export function statsRoutes(deps: AppDeps) {
  const { services } = deps;
  return new Hono<KeyedEnv>().get("/", async (c) => c.json(await kpis(services, validate(kpiInput, c.req.query()))));
}
