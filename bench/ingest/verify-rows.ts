import type postgres from "postgres";
import type { WrkResult } from "../lib/wrk.ts";

export interface RowCheck {
  messages: number;
  distinctIds: number;
  receipts: number;
  /** Stored rows beyond the 200s: requests in flight when wrk stopped (stored, answer never read). */
  inFlight: number;
  problems: string[];
}

/**
 * Every delivery answered 200 is stored exactly once: rows with this run's message ids, counted
 * in messages and webhook_receipts, against the 200s wrk counted (per thread, in Lua).
 */
export async function verifyRunRows(
  sql: postgres.Sql,
  {
    provider,
    idPrefix,
    result,
    connections,
    messagesPerRequest = 1,
  }: { provider: string; idPrefix: string; result: WrkResult; connections: number; messagesPerRequest?: number },
): Promise<RowCheck> {
  const pattern = `${idPrefix.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
  // In-flight requests finish after wrk returns: wait until the count stops moving.
  let previous = -1;
  let rows = { messages: 0, distinct_ids: 0 };
  for (let attempt = 0; attempt < 50; attempt++) {
    const [counted] = await sql<{ messages: number; distinct_ids: number }[]>`
      select count(*)::int as messages, count(distinct provider_message_id)::int as distinct_ids
      from messages where provider = ${provider} and provider_message_id like ${pattern}`;
    rows = counted ?? rows;
    if (rows.messages === previous) break;
    previous = rows.messages;
    await Bun.sleep(200);
  }
  const [receipts] = await sql<{ n: number }[]>`
    select count(*)::int as n from webhook_receipts where provider = ${provider} and provider_message_id like ${pattern}`;
  const messages = rows.messages;
  const expectedMin = (result.ok200 - result.wraps) * messagesPerRequest;
  const expectedMax = (result.sent - result.wraps) * messagesPerRequest;
  const problems: string[] = [];
  if (rows.distinct_ids !== messages) problems.push(`${messages - rows.distinct_ids} duplicated message rows`);
  if (receipts!.n !== messages) problems.push(`${receipts!.n} receipts for ${messages} messages`);
  if (messages < expectedMin) problems.push(`${expectedMin - messages} messages answered 200 but not stored`);
  if (messages > expectedMax) problems.push(`${messages - expectedMax} more messages stored than sent`);
  if (result.non2xx > 0) problems.push(`${result.non2xx} non-2xx answers`);
  const socketErrors = result.errors.connect + result.errors.read + result.errors.write + result.errors.timeout;
  if (socketErrors > 0) problems.push(`socket errors ${JSON.stringify(result.errors)}`);
  const inFlight = messages / messagesPerRequest - (result.ok200 - result.wraps);
  if (inFlight > connections + 1) problems.push(`${inFlight} deliveries stored without an answer (more than the ${connections} in flight)`);
  return { messages, distinctIds: rows.distinct_ids, receipts: receipts!.n, inFlight, problems };
}
