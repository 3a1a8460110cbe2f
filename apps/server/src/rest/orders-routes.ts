import {
  cancelDuplicate,
  cancelDuplicateInput,
  changeOrderStatus,
  createOrder,
  createOrderInput,
  exportOrders,
  exportOrdersInput,
  getOrder,
  importOrderStatuses,
  idInput,
  listOrders,
  listOrdersInput,
  mergeOrder,
  mergeOrderInput,
  replaceOrderLines,
  replaceOrderLinesInput,
  updateOrderDetails,
  updateOrderDetailsInput,
  updateOrderInput,
} from "@confirma/api";
import { Hono } from "hono";
import { z } from "zod";
import type { AppDeps } from "../app-env.ts";
import type { KeyedEnv } from "../http/require-integration-key.ts";
import { ordersExportResponse } from "./orders-export-response.ts";
import { readStatusImportBody } from "./status-import-body.ts";
import { validBody, validate } from "./validate.ts";

const statusImportQuery = z.strictObject({
  dryRun: z
    .enum(["true", "false"])
    .default("false")
    .transform((value) => value === "true"),
});

/** The seed's order routes: `/api/orders`. */
export function ordersRoutes(deps: AppDeps) {
  const { services } = deps;
  return (
    new Hono<KeyedEnv>()
      .post("/", async (c) => {
        const actor = c.get("actor");
        const input = await validBody(c.req.raw, createOrderInput);
        return c.json(await createOrder(services, input, actor), 201);
      })
      .get("/", async (c) => {
        return c.json(await listOrders(services, validate(listOrdersInput, c.req.query())));
      })
      // Shipped / delivered / returned from a courier's CSV, line by line; `?dryRun=true` only reports.
      .post("/status-import", async (c) => {
        const { dryRun } = validate(statusImportQuery, c.req.query());
        const csv = await readStatusImportBody(c.req.raw);
        return c.json(await importOrderStatuses(services, csv, { dryRun, actor: c.get("actor") }));
      })
      // Every order matching the list's filters, as XLSX or CSV, streamed (before `/:id`).
      .get("/export", (c) => ordersExportResponse(exportOrders(services, validate(exportOrdersInput, c.req.query()))))
      .get("/:id", async (c) => {
        return c.json(await getOrder(services, validate(idInput, c.req.param("id"))));
      })
      .put("/:id", async (c) => {
        const actor = c.get("actor");
        const { status } = await validBody(c.req.raw, updateOrderInput);
        return c.json(await changeOrderStatus(services, validate(idInput, c.req.param("id")), status, actor));
      })
      // Corrects the shipping address and/or the customer's phone: `{ shippingAddress?, phone? }`.
      .patch("/:id", async (c) => {
        const id = validate(idInput, c.req.param("id"));
        const input = await validBody(c.req.raw, updateOrderDetailsInput);
        return c.json(await updateOrderDetails(services, id, input, c.get("actor")));
      })
      // Replaces the lines of a pending or no-answer order: `{ products }`; the total is recomputed.
      .put("/:id/lines", async (c) => {
        const id = validate(idInput, c.req.param("id"));
        const { products } = await validBody(c.req.raw, replaceOrderLinesInput);
        return c.json(await replaceOrderLines(services, id, products, c.get("actor")));
      })
      // A likely duplicate: `{ into }` moves its lines into that order and cancels it; `{ of }` cancels it.
      .post("/:id/merge", async (c) => {
        const id = validate(idInput, c.req.param("id"));
        const { into } = await validBody(c.req.raw, mergeOrderInput);
        return c.json(await mergeOrder(services, id, into, c.get("actor")));
      })
      .post("/:id/cancel-duplicate", async (c) => {
        const id = validate(idInput, c.req.param("id"));
        const { of } = await validBody(c.req.raw, cancelDuplicateInput);
        return c.json(await cancelDuplicate(services, id, of, c.get("actor")));
      })
  );
}
