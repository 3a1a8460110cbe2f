import { afterAll, expect, test } from "bun:test";
import { clients } from "@confirma/db";
import { openTestApp, TEST_KEY } from "./testing/test-app.ts";

/** How `/trpc` answers requests it will not run: too many calls at once, a wrong method, a wrong body type. */
const t = await openTestApp();
afterAll(() => t.close());

type Envelope = { error?: { message: string; data: { errorCode: string; httpStatus: number } }; result?: unknown };

test("a batch of more than 20 calls is refused whole with 400 batch_too_large, whatever the procedures", async () => {
  const batch = (count: number, method = "GET") =>
    t.app.request(`/trpc/${Array(count).fill("clients.list").join(",")}?batch=1&input=${encodeURIComponent(JSON.stringify({}))}`, {
      method,
      headers: { "x-api-key": TEST_KEY },
    });
  const allowed = await batch(20);
  expect(allowed.status).toBe(200);
  expect((await allowed.json()) as Envelope[]).toHaveLength(20);

  const refused = await batch(21);
  expect(refused.status).toBe(400);
  const body = (await refused.json()) as Envelope;
  expect(body.error?.data).toMatchObject({ errorCode: "batch_too_large", httpStatus: 400 });
  expect(body.error?.message).toContain("20");

  // Commas written as %2C are still separate calls.
  const encoded = await t.app.request(`/trpc/${Array(21).fill("auth.me").join("%2C")}?batch=1`);
  expect(encoded.status).toBe(400);
  expect(((await encoded.json()) as Envelope).error?.data.errorCode).toBe("batch_too_large");

  // Mutations too, and nothing of the refused batch runs.
  const creates = Array.from({ length: 25 }, (_, index) => ({ phoneNumber: `+3364510${String(index).padStart(4, "0")}` }));
  const mutations = await t.app.request(`/trpc/${Array(25).fill("clients.create").join(",")}?batch=1`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": TEST_KEY },
    body: JSON.stringify(Object.fromEntries(creates.map((input, index) => [index, input]))),
  });
  expect(mutations.status).toBe(400);
  expect(await t.db.select().from(clients)).toEqual([]);
});

test("a wrong method is 405 method_not_allowed and a wrong body type 415 unsupported_media_type, not internal", async () => {
  const get = await t.app.request("/trpc/auth.login?input=%7B%7D");
  expect(get.status).toBe(405);
  expect(get.headers.get("allow")).toBe("POST");
  const getBody = (await get.json()) as Envelope;
  expect(getBody.error?.data.errorCode).toBe("method_not_allowed");
  expect(getBody.error?.message).not.toContain("internal");

  const post = await t.app.request("/trpc/auth.me", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
  expect(post.status).toBe(405);
  expect(((await post.json()) as Envelope).error?.data.errorCode).toBe("method_not_allowed");

  const text = await t.app.request("/trpc/auth.login", { method: "POST", headers: { "content-type": "text/plain" }, body: "hello" });
  expect(text.status).toBe(415);
  const textBody = (await text.json()) as Envelope;
  expect(textBody.error?.data.errorCode).toBe("unsupported_media_type");
  expect(textBody.error?.message).not.toContain("internal");
});
