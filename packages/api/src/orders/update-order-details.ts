import { clientIdentities, clients, messages, orders, recordChanges, stores, type Executor, type Order } from "@confirma/db";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Actor } from "../actor.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { assertClaimAllows } from "../calls/claim-guard.ts";
import { clientForPhone } from "../clients/client-for-phone.ts";
import { requirePhoneNumber } from "../clients/client-service.ts";
import { scheduleConfirmationRequest } from "../confirmation/confirmation-flow.ts";
import { nowOf, type Services } from "../context.ts";
import { DomainError } from "../errors/domain-error.ts";
import { storeWantsConfirmation } from "../stores/store-wants-confirmation.ts";
import type { UpdateOrderDetailsInput } from "./order-schemas.ts";
import { toOrderViews, type OrderView, type ShippingAddressView } from "./order-view.ts";
import { leaveReview } from "./queue-flags.ts";

const ADDRESS_FIELDS = ["name", "address1", "address2", "city", "region", "postcode", "country", "phone"] as const;

/** An address with every field, in one key order (jsonb hands keys back in its own): comparable as JSON, null when empty. */
export function completeAddress(address: Partial<ShippingAddressView> | null): ShippingAddressView | null {
  if (!address) return null;
  const complete = Object.fromEntries(ADDRESS_FIELDS.map((field) => [field, address[field] ?? null])) as unknown as ShippingAddressView;
  return ADDRESS_FIELDS.some((field) => complete[field] !== null) ? complete : null;
}

/**
 * A person corrects an order's shipping address and/or its customer's phone (during the call,
 * usually). The order is locked and the claim rules apply as for every order action. A new phone
 * is normalised with the store's country (else DEFAULT_COUNTRY; `invalid_phone` otherwise) and
 * the order moves to the client of that number, found or created (one client per number); a
 * placeholder client left with nothing (a store order that came without a phone) is removed. An
 * order waiting in review for want of a phone leaves it, and when it is still pending its
 * confirmation request is scheduled (as the store's `confirm` rule says). Who changed what, before
 * and after, goes to the audit trail as `order.details_changed`. A later version of the order from
 * the store no longer replaces a corrected address or phone. Nothing changes → nothing recorded.
 */
export async function updateOrderDetails(services: Services, id: string, input: UpdateOrderDetailsInput, actor: Actor): Promise<OrderView> {
  const now = nowOf(services);
  return services.db.transaction(async (tx) => {
    const [order] = await tx.select().from(orders).where(eq(orders.id, id)).for("update");
    if (!order) throw new DomainError("not_found", `no order \`${id}\``);
    await assertClaimAllows(tx, order, actor, now);
    const [store] = order.storeId ? await tx.select().from(stores).where(eq(stores.id, order.storeId)) : [];

    const changes: Partial<Order> = {};
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};

    if (input.shippingAddress !== undefined) {
      const current = completeAddress(order.shippingAddress as ShippingAddressView | null);
      const given = input.shippingAddress;
      const next = given === null ? null : completeAddress({ ...current, ...definedFields(given) });
      if (JSON.stringify(next) !== JSON.stringify(current)) {
        Object.assign(changes, { shippingAddress: next, addressCorrectedAt: now });
        before.shippingAddress = current;
        after.shippingAddress = next;
      }
    }

    let leavesNoPhoneReview = false;
    if (input.phone !== undefined) {
      const phone = requirePhoneNumber(input.phone, store?.defaultCountry ?? services.settings.defaultCountry);
      const [owner] = await tx.select({ phone: clients.phoneNumber, name: clients.name }).from(clients).where(eq(clients.id, order.clientId));
      if (owner?.phone !== phone) {
        const clientId = await clientForPhone(tx, phone, owner?.name ?? null);
        Object.assign(changes, { clientId, phoneCorrectedAt: now });
        before.phone = owner?.phone ?? null;
        after.phone = phone;
        if (order.needsReview && order.reviewReason === "no_phone") {
          Object.assign(changes, leaveReview(order));
          leavesNoPhoneReview = true;
        }
      }
    }

    if (Object.keys(after).length === 0) {
      const [view] = await toOrderViews(tx, [order]);
      return view!;
    }
    const [updated] = await tx
      .update(orders)
      .set({ ...changes, updatedAt: sql`now()` })
      .where(eq(orders.id, id))
      .returning();
    await recordAudit(tx, actor, "order.details_changed", id, { before, after });
    await recordChanges(tx, [{ entity: "order", entityId: id, action: "updated", clientId: updated!.clientId }]);
    if (updated!.clientId !== order.clientId) {
      await recordChanges(tx, [{ entity: "order", entityId: id, action: "updated", clientId: order.clientId }]);
      await removeEmptyPlaceholder(tx, order.clientId);
    }
    const wanted = store ? storeWantsConfirmation(store, order.cashOnDelivery ?? false) : true;
    if (leavesNoPhoneReview && updated!.status === "pending" && wanted) await scheduleConfirmationRequest(tx, services, id);
    const [view] = await toOrderViews(tx, [updated!]);
    return view!;
  });
}

/** The fields the caller gave (a field left out keeps its value; `null` clears it). */
function definedFields(address: Partial<Record<(typeof ADDRESS_FIELDS)[number], string | null | undefined>>): Partial<ShippingAddressView> {
  return Object.fromEntries(Object.entries(address).filter(([, value]) => value !== undefined));
}

/**
 * A client without a phone exists only to hold a store order that came without one. Once that
 * order moved to the customer's real number, a placeholder with no order, message or identity
 * left would be a second, empty copy of the customer: it goes.
 */
async function removeEmptyPlaceholder(tx: Executor, clientId: string): Promise<void> {
  const [removed] = await tx
    .delete(clients)
    .where(
      and(
        eq(clients.id, clientId),
        isNull(clients.phoneNumber),
        sql`not exists (select 1 from ${orders} where ${orders.clientId} = ${clientId})`,
        sql`not exists (select 1 from ${messages} where ${messages.clientId} = ${clientId})`,
        sql`not exists (select 1 from ${clientIdentities} where ${clientIdentities.clientId} = ${clientId})`,
      ),
    )
    .returning({ id: clients.id });
  if (removed) await recordChanges(tx, [{ entity: "client", entityId: clientId, action: "deleted", clientId }]);
}
