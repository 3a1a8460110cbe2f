import { BUILT_IN_CONFIRMATION, createClient, createOrder, ingestEvents, type Services } from "@confirma/api";
import { metaCloudProvider, seedProvider, type InboundEvent } from "@confirma/whatsapp";
import { metaEnvelope } from "@confirma/whatsapp/testing";
import { openQueryRecorder } from "../lib/query-recorder.ts";
import { senderWaId } from "./meta-bodies.ts";

export interface QueryCount {
  scenario: string;
  /** Statements drizzle sent (its logger), BEGIN and COMMIT not included, nor the NOTIFY sent after the commit. */
  statements: number;
  /** NOTIFYs sent after the commit (shared by the deliveries that committed meanwhile). */
  afterCommit: number;
  /** Round trips to PostgreSQL for the delivery: statements + BEGIN + COMMIT when in a transaction. */
  roundTrips: number;
  messages: number;
  shapes: string[];
}

function seedEvents(body: Record<string, unknown>): InboundEvent[] {
  const parsed = seedProvider.parse({ format: "json", value: body }, { defaultCountry: "FR", receivedAt: new Date() });
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.events;
}

function metaBatch(count: number): InboundEvent[] {
  const messages = Array.from({ length: count }, (_, index) => ({
    from: senderWaId(900_000 + index),
    id: `wamid.count.${index}`,
    timestamp: String(Math.floor(Date.now() / 1000)),
    type: "text",
    text: { body: "Bonjour, c'est pour quand la livraison ?" },
  }));
  const parsed = metaCloudProvider.parse({ format: "json", value: metaEnvelope({ messages }) }, { defaultCountry: "FR", receivedAt: new Date() });
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.events;
}

/** A statement's shape: its first words up to the table, enough to tell the round trips apart. */
function shape(sql: string): string {
  return sql
    .replace(/\s+/g, " ")
    .replace(/\(("[^"]+", )+"[^"]+"\)/g, "(…)")
    .replace(/values .*/i, "values …")
    .slice(0, 90);
}

/**
 * Counts the statements `ingestEvents` (the real service, through drizzle's logger) sends for
 * one delivery, per kind of delivery. Runs on the given database (it must be migrated).
 */
export async function countIngestQueries(url: string): Promise<QueryCount[]> {
  const recorder = openQueryRecorder(url);
  const services: Services = { db: recorder.db, settings: { defaultCountry: "FR", defaultCurrency: "EUR", confirmation: BUILT_IN_CONFIRMATION } };
  const counts: QueryCount[] = [];
  const measure = async (scenario: string, events: InboundEvent[]) => {
    recorder.take();
    recorder.takeTransactions();
    await ingestEvents(services, events);
    const all = recorder.take();
    const queries = all.filter((query) => !/^select pg_notify\(\$1, ''\)$/.test(query.sql));
    const roundTrips = queries.length + 2 * recorder.takeTransactions();
    const messages = events.filter((event) => event.kind === "message").length;
    counts.push({
      scenario,
      statements: queries.length,
      afterCommit: all.length - queries.length,
      roundTrips,
      messages,
      shapes: queries.map((query) => shape(query.sql)),
    });
  };
  try {
    const text = "Bonjour, c'est pour quand la livraison ?";
    await measure("seed: new sender, chat message", seedEvents({ from: "33699000001@s.whatsapp.net", body: text, type: "text", id: "count-1" }));
    await measure("seed: known sender, chat message", seedEvents({ from: "33699000001@s.whatsapp.net", body: text, type: "text", id: "count-2" }));
    await measure("seed: duplicate (retried delivery)", seedEvents({ from: "33699000001@s.whatsapp.net", body: text, type: "text", id: "count-2" }));
    const { client } = await createClient(services, { phoneNumber: "+33699000002" }, { type: "system", id: "bench" });
    await createOrder(services, { clientId: client.id, products: [{ id: "p1", name: "Robe", price: 29.9, quantity: 1 }] }, { type: "system", id: "bench" });
    await measure(
      'seed: "Oui je confirme" with a pending order',
      seedEvents({ from: "33699000002@s.whatsapp.net", body: "Oui je confirme", type: "text", id: "count-3" }),
    );
    await measure("meta: 100 messages in one delivery", metaBatch(100));
  } finally {
    await recorder.close();
  }
  return counts;
}
