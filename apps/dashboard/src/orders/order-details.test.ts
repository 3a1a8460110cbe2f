import { expect, test } from "bun:test";
import { detailsChanges, detailsDraft } from "./order-details.ts";

const order = {
  client: { name: "Youssef", phoneNumber: "+212661234567" },
  shippingAddress: {
    name: "Youssef",
    address1: "12 rue Atlas",
    address2: null,
    city: "Casablanca",
    region: null,
    postcode: "20000",
    country: "MA",
    phone: null,
  },
};

test("the form starts from the order's address and its customer's number", () => {
  expect(detailsDraft(order)).toEqual({
    phone: "+212661234567",
    address: { name: "Youssef", address1: "12 rue Atlas", address2: "", postcode: "20000", city: "Casablanca", region: "", country: "MA" },
  });
  expect(detailsDraft({ client: { name: "X", phoneNumber: null }, shippingAddress: null }).address.city).toBe("");
});

test("only what changed is sent; an emptied line is cleared; an untouched form sends nothing", () => {
  const draft = detailsDraft(order);
  expect(detailsChanges(order, draft)).toBeNull();
  draft.address.address1 = " 5 avenue Hassan II ";
  draft.address.postcode = "";
  expect(detailsChanges(order, draft)).toEqual({ shippingAddress: { address1: "5 avenue Hassan II", postcode: null } });
  draft.phone = "0662000000";
  expect(detailsChanges(order, draft)?.phone).toBe("0662000000");
});

test("an order without a phone gets one; an emptied phone field is not a change (a number cannot be removed)", () => {
  const noPhone = { client: { name: "X", phoneNumber: null }, shippingAddress: null };
  expect(detailsChanges(noPhone, { ...detailsDraft(noPhone), phone: "0662000000" })).toEqual({ phone: "0662000000" });
  expect(detailsChanges(order, { ...detailsDraft(order), phone: "" })).toBeNull();
});
