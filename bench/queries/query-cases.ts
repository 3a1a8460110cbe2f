import { kpis, listClients, listMessages, listOrders, overview, type Page, type Services } from "@confirma/api";

/** One dashboard query, called through the real service function; stateful cases page with cursors. */
export interface QueryCase {
  /** kebab-case: also the plan file, docs/query-plans/<name>.txt */
  name: string;
  title: string;
  /** Calls the service once (advancing to the next page or input); returns the rows it got. */
  call: (services: Services) => Promise<number>;
  /** How deep the case went (pages followed), for the table. */
  depth: () => string;
  /** The position (input, cursor) the next call starts from, to replay a call for its plan. */
  save: () => unknown;
  restore: (state: unknown) => void;
}

export interface QueryProbes {
  typicalClients: string[];
  heavyClients: string[];
  /** Six digits from the middle of real clients' numbers, typed with spaces ("12 34 56"): a few matches each. */
  phoneFragments: string[];
}

const LIMIT = 50;

function rotating(name: string, title: string, inputs: readonly string[], run: (services: Services, input: string) => Promise<number>): QueryCase {
  let index = 0;
  return {
    name,
    title,
    call: (services) => run(services, inputs[index++ % inputs.length]!),
    depth: () => `${inputs.length} inputs`,
    save: () => index,
    restore: (state) => void (index = state as number),
  };
}

/** Follows `nextCursor` page after page; at the end of the data it starts again from page 1. */
function pager(name: string, title: string, fetch: (services: Services, cursor: string | undefined) => Promise<Page<unknown>>): QueryCase {
  let cursor: string | undefined;
  let page = 0;
  let deepest = 0;
  return {
    name,
    title,
    async call(services) {
      const result = await fetch(services, cursor);
      page++;
      deepest = Math.max(deepest, page);
      cursor = result.nextCursor ?? undefined;
      if (!cursor) page = 0;
      return result.items.length;
    },
    depth: () => `${deepest} pages (${(deepest * LIMIT).toLocaleString("en-US")} rows deep)`,
    save: () => ({ cursor, page }),
    restore: (state) => void ({ cursor, page } = state as { cursor: string | undefined; page: number }),
  };
}

export function createQueryCases({ typicalClients, heavyClients, phoneFragments }: QueryProbes): QueryCase[] {
  let heavyIndex = 0;
  const heavyThreads = heavyClients.map((clientId) =>
    pager("thread", "", (services, cursor) => listMessages(services, { clientId, limit: LIMIT, ...(cursor ? { cursor } : {}) })),
  );
  return [
    rotating(
      "search-name-common",
      "listClients: search by a common name fragment (mar, ben, ali…)",
      ["mar", "ben", "ali", "sow", "yas", "dia", "lah", "ine"],
      async (services, search) => (await listClients(services, { search, limit: LIMIT })).items.length,
    ),
    rotating(
      "search-name-rare",
      "listClients: search by a fragment few or no names contain",
      ["zqx", "wkv", "bennanix", "qqa"],
      async (services, search) => (await listClients(services, { search, limit: LIMIT })).items.length,
    ),
    rotating(
      "search-phone",
      'listClients: search by a phone fragment as typed ("06 12 34", "+212 6 15"…)',
      ["06 12 34", "612 345", "+212 6 15", "7788", "06 98 87", "+33 7 55"],
      async (services, search) => (await listClients(services, { search, limit: LIMIT })).items.length,
    ),
    rotating(
      "search-phone-rare",
      'listClients: search by six digits of one client\'s number ("12 34 56": a handful of matches)',
      phoneFragments,
      async (services, search) => (await listClients(services, { search, limit: LIMIT })).items.length,
    ),
    pager("clients-pages", "listClients: newest first, following nextCursor page after page", (services, cursor) =>
      listClients(services, { limit: LIMIT, ...(cursor ? { cursor } : {}) }),
    ),
    pager("clients-status-pages", "listClients: status=cancelled (20% of clients), following nextCursor", (services, cursor) =>
      listClients(services, { status: "cancelled", limit: LIMIT, ...(cursor ? { cursor } : {}) }),
    ),
    pager("orders-pages", "listOrders: newest first (with items, customer), following nextCursor", (services, cursor) =>
      listOrders(services, { limit: LIMIT, ...(cursor ? { cursor } : {}) }),
    ),
    pager("orders-status-pages", "listOrders: status=pending (10% of orders), following nextCursor", (services, cursor) =>
      listOrders(services, { status: "pending", limit: LIMIT, ...(cursor ? { cursor } : {}) }),
    ),
    pager("orders-status-rare-pages", "listOrders: status=returned (2% of orders), following nextCursor", (services, cursor) =>
      listOrders(services, { status: "returned", limit: LIMIT, ...(cursor ? { cursor } : {}) }),
    ),
    pager("orders-review-pages", "listOrders: needsReview=true (the review queue), following nextCursor", (services, cursor) =>
      listOrders(services, { needsReview: true, limit: LIMIT, ...(cursor ? { cursor } : {}) }),
    ),
    rotating(
      "thread-typical",
      "listMessages: a typical client's thread (about 10 messages), first page",
      typicalClients,
      async (services, clientId) => (await listMessages(services, { clientId, limit: LIMIT })).items.length,
    ),
    {
      name: "thread-long-pages",
      title: `listMessages: the ${heavyClients.length} longest threads (about 2,000 messages each), following nextCursor`,
      call: (services) => heavyThreads[heavyIndex++ % heavyThreads.length]!.call(services),
      depth: () => heavyThreads[0]?.depth() ?? "",
      save: () => ({ heavyIndex, threads: heavyThreads.map((thread) => thread.save()) }),
      restore(state) {
        const saved = state as { heavyIndex: number; threads: unknown[] };
        heavyIndex = saved.heavyIndex;
        heavyThreads.forEach((thread, index) => thread.restore(saved.threads[index]));
      },
    },
    rotating(
      "overview",
      "overview: counts by status, review queue, confirmation rate, 14-day series (Europe/Paris)",
      ["Europe/Paris"],
      async (services, timeZone) => {
        const result = await overview(services, { days: 14, timeZone });
        return result.series.length;
      },
    ),
    rotating(
      "kpis",
      "KPIs: 30 days and the 30 before, by day, median time to confirm (Europe/Paris, Asia/Kathmandu)",
      ["Europe/Paris", "Asia/Kathmandu"],
      async (services, tz) => (await kpis(services, { period: "30d", by: "day", tz })).breakdown.length,
    ),
  ];
}
