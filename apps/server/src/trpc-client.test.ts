import { afterAll, expect, test } from "bun:test";
import type { AppRouter } from "@confirma/api";
import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import { openTestApp, TEST_KEY } from "./testing/test-app.ts";

/** What the dashboard will do: a typed client over real HTTP. */
const t = await openTestApp();
const server = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: t.app.fetch });
afterAll(async () => {
  await server.stop(true);
  await t.close();
});

const client = (headers: Record<string, string> = { "x-api-key": TEST_KEY }) =>
  createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `http://127.0.0.1:${server.port}/trpc`, headers })] });

test("create, list, get and change status through the typed client", async () => {
  const api = client();
  const { client: created, created: isNew } = await api.clients.create.mutate({ phoneNumber: "06 12 34 56 78", name: "Amina" });
  expect(isNew).toBe(true);
  expect(created.phoneNumber).toBe("+33612345678");

  const order = await api.orders.create.mutate({
    clientId: created.id,
    products: [
      { id: "prod1", name: "Produit A", price: 29.99, quantity: 2 },
      { id: "prod2", name: "Produit B", price: 49.99, quantity: 1 },
    ],
  });
  const total: number = order.total;
  expect(total).toBe(109.97);

  const [page, fetched] = await Promise.all([api.clients.list.query({ search: "amina" }), api.orders.get.query({ id: order.id })]);
  expect(page.items.map((item) => item.id)).toEqual([created.id]);
  expect(fetched.products).toHaveLength(2);

  const confirmed = await api.orders.setStatus.mutate({ id: order.id, status: "confirmed" });
  expect(confirmed.status).toBe("confirmed");
  expect((await api.orders.list.query()).items[0]?.status).toBe("confirmed");
  expect((await api.messages.list.query({ clientId: created.id })).items).toEqual([]);
});

test("errors carry the product's error code", async () => {
  const api = client();
  const failure = await api.orders.setStatus.mutate({ id: "0190a000-0000-7000-8000-000000000000", status: "confirmed" }).catch((error) => error);
  expect(failure).toBeInstanceOf(TRPCClientError);
  expect(failure.data).toMatchObject({ code: "NOT_FOUND", httpStatus: 404, errorCode: "not_found" });

  const invalid = await api.clients.create.mutate({ phoneNumber: "12" }).catch((error) => error);
  expect(invalid.data).toMatchObject({ httpStatus: 400, errorCode: "invalid_phone" });

  const unknown = await api.clients.create.mutate({ phoneNumber: "+33612345679", vip: true } as never).catch((error) => error);
  expect(unknown.data).toMatchObject({ httpStatus: 400, errorCode: "unknown_field" });

  // Structured details travel with the code, for the dashboard to use without parsing messages.
  const { client: other } = await api.clients.create.mutate({ phoneNumber: "+33612345680" });
  const order = await api.orders.create.mutate({ clientId: other.id, products: [{ id: "p", name: "Robe", price: 10, quantity: 1 }] });
  const illegal = await api.orders.setStatus.mutate({ id: order.id, status: "delivered" }).catch((error) => error);
  expect(illegal.data).toMatchObject({
    errorCode: "illegal_transition",
    details: { from: "pending", to: "delivered", allowed: ["confirmed", "cancelled", "no_answer"] },
  });
});

test("procedures refuse calls without a session or key", async () => {
  const attempts: Record<string, string>[] = [{}, { "x-api-key": "wrong-wrong-wrong-wrong" }, { authorization: "Bearer nope" }];
  for (const headers of attempts) {
    const failure = await client(headers)
      .clients.list.query()
      .catch((error) => error);
    expect(failure).toBeInstanceOf(TRPCClientError);
    expect(failure.data).toMatchObject({ code: "UNAUTHORIZED", httpStatus: 401, errorCode: "unauthorized" });
  }
  const bearer = await client({ authorization: `Bearer ${TEST_KEY}` }).clients.list.query();
  expect(bearer.items.length).toBeGreaterThan(0);
});
