import { clients, orders, recordChanges, type Client, type Executor } from "@confirma/db";
import { OPEN_ORDER_STATUSES } from "@confirma/domain";
import { normalizePhoneCharacters, normalizePhoneNumber } from "@confirma/whatsapp";
import { and, desc, eq, inArray, like, lt, or, sql, type SQL } from "drizzle-orm";
import type { Actor } from "../actor.ts";
import type { Services } from "../context.ts";
import { DomainError } from "../errors/domain-error.ts";
import { toOrderViews, type OrderView } from "../orders/order-view.ts";
import { orderLanguages } from "./client-language.ts";
import { decodeCursor, toPage, type Page } from "../pagination/cursor.ts";
import { recordStatusChange } from "../status-changes/record-status-change.ts";
import type { CreateClientInput, ListClientsInput, UpdateClientInput } from "./client-schemas.ts";
import { toClientView, type ClientView } from "./client-view.ts";
import { standingsOf, type CustomerStanding } from "../customers/customer-history.ts";
import { loadCustomerRules } from "../customers/risk-settings.ts";

/** Normalises a typed phone number to E.164 or throws `invalid_phone`. The one door for typed numbers. */
export function requirePhoneNumber(input: string, defaultCountry: string): string {
  const result = normalizePhoneNumber(input, defaultCountry);
  if (!result.ok) {
    const why = { empty: "is empty", not_a_number: "is not a phone number", invalid: "is not a valid phone number" }[result.reason];
    throw new DomainError("invalid_phone", `\`${input}\` ${why} (national numbers are read as ${defaultCountry})`);
  }
  return result.e164;
}

/** The digits to look for in E.164 numbers: without the international (00) or national (0) prefix typed in front. */
export function phoneFragment(digits: string): string {
  if (digits.startsWith("00")) return digits.slice(2);
  if (digits.startsWith("0")) return digits.slice(1);
  return digits;
}

/**
 * Creates a client, or returns the one that already has this phone number (`created: false`),
 * race-safe: concurrent calls for one number give one client.
 */
export async function createClient({ db, settings }: Services, input: CreateClientInput, actor: Actor): Promise<{ client: ClientView; created: boolean }> {
  const phoneNumber = requirePhoneNumber(input.phoneNumber, settings.defaultCountry);
  return db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(clients)
      .values({ phoneNumber, name: input.name ?? null, status: input.status ?? "pending" })
      .onConflictDoNothing({ target: clients.phoneNumber })
      .returning();
    if (inserted) {
      await recordStatusChange(tx, { entity: "client", entityId: inserted.id, fromStatus: null, toStatus: inserted.status, actor, reason: "created" });
      await recordChanges(tx, [{ entity: "client", entityId: inserted.id, action: "created", clientId: inserted.id }]);
      return { client: toClientView(inserted), created: true };
    }
    const [existing] = await tx.select().from(clients).where(eq(clients.phoneNumber, phoneNumber));
    if (!existing) throw new DomainError("conflict", "the client was deleted while being created; try again");
    return { client: toClientView(existing), created: false };
  });
}

export async function getClientRow(tx: Executor, id: string): Promise<Client> {
  const [row] = await tx.select().from(clients).where(eq(clients.id, id));
  if (!row) throw new DomainError("not_found", `no client \`${id}\``);
  return row;
}

/** A client with its most recent orders, its history by outcome, its risk level and its number's block. */
export async function getClient(services: Services, id: string): Promise<ClientView & { orders: OrderView[] } & CustomerStanding> {
  const { db } = services;
  const row = await getClientRow(db, id);
  const recent = await db.select().from(orders).where(eq(orders.clientId, id)).orderBy(desc(orders.id)).limit(20);
  const rules = await loadCustomerRules(db);
  const standing = (await standingsOf(db, [id], rules.risk)).get(id)!;
  const views = await toOrderViews(db, recent);
  // The conversation's reply box offers canned replies in the language its newest order's customer is written to in.
  const languages = await orderLanguages(services, views);
  return { ...toClientView(row), orders: views.map((view, index) => ({ ...view, language: languages[index]! })), ...standing };
}

/**
 * Clients whose name contains `search`, ignoring case and accents (`clement` finds `Clément`):
 * both sides go through the same `immutable_unaccent`, the expression of the trigram index.
 */
export function nameMatches(search: string): SQL {
  const escaped = search.replace(/[\\%_]/g, (char) => `\\${char}`);
  return sql`public.immutable_unaccent(${clients.name}) ilike public.immutable_unaccent(${`%${escaped}%`})`;
}

/**
 * Clients a search finds: part of the name (ignoring case and accents), or, for something typed
 * as a number, part of the phone (`06 12 34` and `+33 6 12` both find +33612345678). The clients
 * list and the orders' `search` filter use it.
 */
export function clientMatches(search: string): SQL {
  // "٠٦ ١٢" and "０６ １２" are typed digits too.
  const typedNumber = normalizePhoneCharacters(search);
  const digits = typedNumber.replace(/[^\d]/g, "");
  const matches: SQL[] = [nameMatches(search)];
  if (digits.length >= 3 && /^[\d\s+().-]+$/.test(typedNumber)) {
    // National prefix 0 dropped.
    matches.push(like(clients.phoneNumber, `%${phoneFragment(digits)}%`));
  }
  return or(...matches)!;
}

/** Matches of a search sorted in PostgreSQL at most; more are listed by walking the ids. */
const SEARCH_SORT_LIMIT = 2_000;

/** Lists clients newest first, with search by name or phone fragment, status filter and keyset pagination. */
export async function listClients({ db }: Services, input: ListClientsInput): Promise<Page<ClientView>> {
  const conditions: SQL[] = [];
  if (input.status) conditions.push(eq(clients.status, input.status));
  if (input.cursor) conditions.push(lt(clients.id, decodeCursor(input.cursor)));
  const search = input.search?.trim();
  if (search) conditions.push(clientMatches(search));
  const where = conditions.length ? and(...conditions) : undefined;
  const newestFirst = () =>
    db
      .select()
      .from(clients)
      .where(where)
      .orderBy(desc(clients.id))
      .limit(input.limit + 1);
  let rows: Client[];
  if (!search) {
    rows = await newestFirst();
  } else {
    // A rare fragment makes "newest first, stop at 51" walk every client when the planner
    // expects more matches than there are: collect the matches through the trigram indexes
    // first, and walk by id only when they are too many to sort (then 51 come quickly).
    const matches = await db
      .select({ id: clients.id })
      .from(clients)
      .where(where)
      .limit(SEARCH_SORT_LIMIT + 1);
    rows =
      matches.length > SEARCH_SORT_LIMIT
        ? await newestFirst()
        : matches.length === 0
          ? []
          : await db
              .select()
              .from(clients)
              .where(
                inArray(
                  clients.id,
                  matches.map((match) => match.id),
                ),
              )
              .orderBy(desc(clients.id))
              .limit(input.limit + 1);
  }
  const page = toPage(rows, input.limit);
  return { items: page.items.map(toClientView), nextCursor: page.nextCursor };
}

/** Updates name, status or phone number; a phone number already used by another client is `phone_taken`. */
export async function updateClient({ db, settings }: Services, id: string, input: UpdateClientInput, actor: Actor): Promise<ClientView> {
  const phoneNumber = input.phoneNumber === undefined ? undefined : requirePhoneNumber(input.phoneNumber, settings.defaultCountry);
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(clients).where(eq(clients.id, id)).for("update");
    if (!current) throw new DomainError("not_found", `no client \`${id}\``);
    if (phoneNumber && phoneNumber !== current.phoneNumber) {
      const [other] = await tx.select({ id: clients.id }).from(clients).where(eq(clients.phoneNumber, phoneNumber));
      if (other) throw new DomainError("phone_taken", `${phoneNumber} already belongs to client \`${other.id}\``, { clientId: other.id });
    }
    const [updated] = await tx
      .update(clients)
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.status !== undefined ? { status: input.status } : {}),
        ...(phoneNumber !== undefined ? { phoneNumber } : {}),
        ...(input.language !== undefined ? { language: input.language } : {}),
        updatedAt: sql`now()`,
      })
      .where(eq(clients.id, id))
      .returning();
    if (!updated) throw new DomainError("not_found", `no client \`${id}\``);
    if (input.status !== undefined && input.status !== current.status) {
      await recordStatusChange(tx, { entity: "client", entityId: id, fromStatus: current.status, toStatus: input.status, actor, reason: "manual" });
    }
    await recordChanges(tx, [{ entity: "client", entityId: id, action: "updated", clientId: id }]);
    return toClientView(updated);
  });
}

/** Deletes a client and their history; refused with `client_has_open_orders` while an order is open. */
export async function deleteClient({ db }: Services, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [current] = await tx.select({ id: clients.id }).from(clients).where(eq(clients.id, id)).for("update");
    if (!current) throw new DomainError("not_found", `no client \`${id}\``);
    const open = await tx
      .select({ id: orders.id })
      .from(orders)
      .where(and(eq(orders.clientId, id), inArray(orders.status, [...OPEN_ORDER_STATUSES])))
      .limit(1);
    if (open.length > 0) {
      throw new DomainError("client_has_open_orders", "this client has open orders; cancel or deliver them first", { orderId: open[0]?.id });
    }
    await tx.delete(clients).where(eq(clients.id, id));
    await recordChanges(tx, [{ entity: "client", entityId: id, action: "deleted", clientId: id }]);
  });
}
