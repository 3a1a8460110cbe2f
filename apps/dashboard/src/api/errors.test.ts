import { expect, test } from "bun:test";
import { fr } from "../i18n/fr.ts";
import { errorCodeOf, errorMessageKey, invalidFieldOf } from "./errors.ts";

const trpcError = (data: unknown) => Object.assign(new Error("x"), { data });

test("maps product error codes to their messages", () => {
  for (const code of [
    "invalid_phone",
    "invalid_price",
    "invalid_quantity",
    "empty_order",
    "phone_taken",
    "illegal_transition",
    "outside_service_window",
    "unauthorized",
    "forbidden",
    "rate_limited",
  ]) {
    const key = errorMessageKey(trpcError({ errorCode: code }));
    expect(key).toBe(`error.${code}` as never);
    expect(fr[key].length).toBeGreaterThan(0);
  }
});

test("unknown codes, network failures and anything else get a generic message", () => {
  expect(errorMessageKey(trpcError({ errorCode: "brand_new" }))).toBe("error.generic");
  expect(errorMessageKey(new TypeError("Failed to fetch"))).toBe("error.network");
  expect(errorMessageKey("boom")).toBe("error.generic");
});

test("reads the code from tRPC's envelope", () => {
  expect(errorCodeOf(trpcError({ errorCode: "not_found" }))).toBe("not_found");
  expect(errorCodeOf(trpcError({ code: "FORBIDDEN" }))).toBe("forbidden");
  expect(errorCodeOf(new Error("plain"))).toBeNull();
  expect(errorCodeOf(null)).toBeNull();
});

test("finds the field an invalid input names", () => {
  const invalid = (message: string, errorCode = "invalid_input") => Object.assign(new Error(message), { data: { errorCode } });
  expect(invalidFieldOf(invalid("`remindersMs.0`: Too small: expected number to be >=60000"))).toEqual({
    path: "remindersMs.0",
    message: "Too small: expected number to be >=60000",
  });
  expect(invalidFieldOf(invalid("`texts.fr` is required", "missing_field"))).toEqual({ path: "texts.fr", message: "is required" });
  expect(invalidFieldOf(invalid("no path here"))).toBeNull();
  expect(invalidFieldOf(invalid("`x`: y", "conflict"))).toBeNull();
});
