import { afterAll, expect, test } from "bun:test";
import { openTestApp } from "./testing/test-app.ts";

// The write-back options as the Stores page sets them: a store's own status map can be dropped
// again (`statusMap: null`), so the platform's default map applies; other options stay.

const t = await openTestApp();
afterAll(() => t.close());

test("a store's own status map can be set, then dropped with null; the other options are kept", async () => {
  const created = await t.call("POST", "/api/stores", {
    platform: "woocommerce",
    name: "Atlas Woo",
    siteUrl: "https://atlas.example.com",
    consumerKey: "ck_x",
    consumerSecret: "cs_x",
    writeBack: { note: false, statusMap: { confirmed: "wc-confirmed" } },
  });
  expect(created.status).toBe(201);
  expect(created.body.writeBack).toEqual({ note: false, statusMap: { confirmed: "wc-confirmed" } });

  const dropped = await t.call("PATCH", `/api/stores/${created.body.id}`, { writeBack: { statusMap: null } });
  expect(dropped.status).toBe(200);
  expect(dropped.body.writeBack).toEqual({ note: false });
  expect((await t.call("GET", `/api/stores/${created.body.id}`)).body.writeBack).toEqual({ note: false });

  const onCreate = await t.call("POST", "/api/stores", { platform: "custom", name: "C", writeBack: { statusMap: null } });
  expect(onCreate.body.writeBack).toEqual({});
});
