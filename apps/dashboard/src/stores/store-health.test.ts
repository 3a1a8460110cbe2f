import { expect, test } from "bun:test";
import { storeHealth } from "./store-health.ts";

const health = (values: Partial<Parameters<typeof storeHealth>[0]["health"]>) => ({
  lastOrderAt: null,
  lastWriteBackAt: null,
  lastWriteBackError: null,
  lastWriteBackErrorAt: null,
  ...values,
});
const day = (iso: string) => iso.slice(0, 10);

test("a new store waits for its first order", () => {
  expect(storeHealth({ platform: "shopify", health: health({}) }, day)).toEqual({
    state: "waiting",
    orders: { key: "stores.health.noOrderYet" },
    writeBack: { key: "stores.health.noWriteBackYet" },
  });
});

test("orders arriving and outcomes written back: working, with the dates", () => {
  const result = storeHealth(
    { platform: "woocommerce", health: health({ lastOrderAt: "2026-11-29T10:00:00Z", lastWriteBackAt: "2026-11-29T11:00:00Z" }) },
    day,
  );
  expect(result).toEqual({
    state: "ok",
    orders: { key: "stores.health.lastOrder", params: { date: "2026-11-29" } },
    writeBack: { key: "stores.health.lastWriteBack", params: { date: "2026-11-29" } },
  });
});

test("the last write-back failed: the platform's words are shown; a failure before a later success is over", () => {
  const failing = storeHealth(
    {
      platform: "shopify",
      health: health({
        lastOrderAt: "2026-11-29T10:00:00Z",
        lastWriteBackAt: "2026-11-28T09:00:00Z",
        lastWriteBackError: "Shopify answered 401",
        lastWriteBackErrorAt: "2026-11-29T12:00:00Z",
      }),
    },
    day,
  );
  expect(failing.state).toBe("error");
  expect(failing.writeBack).toEqual({ key: "stores.health.writeBackFailed", params: { date: "2026-11-29", error: "Shopify answered 401" } });
  const recovered = storeHealth(
    {
      platform: "shopify",
      health: health({
        lastOrderAt: "2026-11-29T10:00:00Z",
        lastWriteBackAt: "2026-11-30T09:00:00Z",
        lastWriteBackError: "old",
        lastWriteBackErrorAt: "2026-11-29T12:00:00Z",
      }),
    },
    day,
  );
  expect(recovered.state).toBe("ok");
  expect(recovered.writeBack.key).toBe("stores.health.lastWriteBack");
});

test("a custom store is never written back to", () => {
  expect(storeHealth({ platform: "custom", health: health({}) }, day).writeBack).toEqual({ key: "stores.health.noWriteBackCustom" });
});
