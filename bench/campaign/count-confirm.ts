import { BUILT_IN_CONFIRMATION, ingestEvents, type Services } from "@confirma/api";
import { seedProvider } from "@confirma/whatsapp";
import { openQueryRecorder } from "../lib/query-recorder.ts";
import { campaignPhone } from "./campaign-sql.ts";

export interface ConfirmCount {
  /** Statements drizzle sent (its logger), BEGIN and COMMIT not included. */
  statements: number;
  /** Round trips: statements + BEGIN + COMMIT per transaction. */
  roundTrips: number;
  /** The outcome the service reported: the order confirmed. */
  confirmed: boolean;
}

/**
 * The statements `ingestEvents` (the real service, in this process, through drizzle's logger)
 * sends for "Oui je confirme" from campaign customer `customer`, who has an order awaiting a reply.
 */
export async function countConfirmStatements(url: string, customer: number): Promise<ConfirmCount> {
  const recorder = openQueryRecorder(url);
  const services: Services = { db: recorder.db, settings: { defaultCountry: "FR", defaultCurrency: "EUR", confirmation: BUILT_IN_CONFIRMATION } };
  try {
    const parsed = seedProvider.parse(
      { format: "json", value: { from: `${campaignPhone(customer).slice(1)}@s.whatsapp.net`, body: "Oui je confirme", type: "text", id: "count-confirm" } },
      { defaultCountry: "FR", receivedAt: new Date() },
    );
    if (!parsed.ok) throw new Error(parsed.message);
    recorder.take();
    recorder.takeTransactions();
    const result = await ingestEvents(services, parsed.events);
    const statements = recorder.take().filter((query) => !/^select pg_notify\(\$1, ''\)$/.test(query.sql)).length;
    const outcome = result.outcomes[0];
    return {
      statements,
      roundTrips: statements + 2 * recorder.takeTransactions(),
      confirmed: outcome?.kind === "message" && outcome.orderStatus === "confirmed",
    };
  } finally {
    await recorder.close();
  }
}
