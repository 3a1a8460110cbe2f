import type postgres from "postgres";
import { campaignPhone } from "./campaign-sql.ts";

/** What became of one cohort of campaign customers after a load answered for each of them once. */
export interface CohortCheck {
  orders: number;
  confirmed: number;
  cancelled: number;
  problems: string[];
}

/**
 * Each customer of the cohort answered once, and the answer decided their order exactly once:
 * one inbound message; the order confirmed or cancelled as that message said; one status change,
 * made by that message; the order's reminders and time-out cancelled, none left pending; the
 * client's status following. `expected` is how many confirmations and cancellations were sent.
 */
export async function verifyCohort(
  sql: postgres.Sql,
  { first, count, expected }: { first: number; count: number; expected: { confirm: number; cancel: number } },
): Promise<CohortCheck> {
  const [row] = await sql<Record<string, number>[]>`
    with cohort as (
      select c.id as client_id, c.status as client_status, o.id as order_id, o.status as order_status
      from clients c join orders o on o.client_id = c.id
      where c.phone_number between ${campaignPhone(first)} and ${campaignPhone(first + count - 1)}
    ), answers as (
      select m.client_id, count(*)::int as n, min(m.id) as message_id, min(m.intent) as intent
      from messages m join cohort using (client_id) where m.direction = 'in' group by m.client_id
    ), decisions as (
      select s.entity_id as order_id, count(*)::int as n, min(s.actor_id) as actor_id
      from status_changes s join cohort on s.entity_id = cohort.order_id
      where s.entity = 'order' and s.from_status is not null group by s.entity_id
    ), follow_ups as (
      select j.order_id, count(*) filter (where j.status = 'pending')::int as pending,
             count(*) filter (where j.kind <> 'confirmation_request')::int as scheduled,
             count(*) filter (where j.kind <> 'confirmation_request' and j.status = 'cancelled')::int as cancelled
      from jobs j join cohort using (order_id) group by j.order_id
    )
    select count(*)::int as orders,
      count(*) filter (where order_status = 'confirmed')::int as confirmed,
      count(*) filter (where order_status = 'cancelled')::int as cancelled,
      count(*) filter (where coalesce(a.n, 0) <> 1)::int as not_one_answer,
      count(*) filter (where order_status is distinct from case a.intent when 'confirm' then 'confirmed' when 'cancel' then 'cancelled' end)::int as not_as_answered,
      count(*) filter (where coalesce(d.n, 0) <> 1)::int as not_one_decision,
      count(*) filter (where d.actor_id is distinct from a.message_id)::int as not_by_the_answer,
      count(*) filter (where coalesce(f.pending, 0) > 0)::int as jobs_pending,
      count(*) filter (where coalesce(f.scheduled, 0) = 0 or f.cancelled <> f.scheduled)::int as follow_ups_not_cancelled,
      count(*) filter (where client_status <> order_status)::int as client_not_following
    from cohort left join answers a using (client_id) left join decisions d using (order_id) left join follow_ups f using (order_id)`;
  const counted = row ?? {};
  const problems: string[] = [];
  const report = (key: string, what: string) => {
    if ((counted[key] ?? 0) > 0) problems.push(`${counted[key]} ${what}`);
  };
  if (counted.orders !== count) problems.push(`${counted.orders} orders for ${count} customers`);
  report("not_one_answer", "customers without exactly one stored answer");
  report("not_as_answered", "orders not decided as their answer said");
  report("not_one_decision", "orders without exactly one status change");
  report("not_by_the_answer", "decisions not recorded as made by the answer");
  report("jobs_pending", "orders with jobs still pending");
  report("follow_ups_not_cancelled", "orders whose reminders and time-out were not all cancelled");
  report("client_not_following", "clients whose status did not follow their order");
  if (counted.confirmed !== expected.confirm) problems.push(`${counted.confirmed} orders confirmed, ${expected.confirm} confirmations sent`);
  if (counted.cancelled !== expected.cancel) problems.push(`${counted.cancelled} orders cancelled, ${expected.cancel} cancellations sent`);
  return { orders: counted.orders ?? 0, confirmed: counted.confirmed ?? 0, cancelled: counted.cancelled ?? 0, problems };
}
