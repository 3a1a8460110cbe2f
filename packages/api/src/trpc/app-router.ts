import { auditRouter } from "./audit-router.ts";
import { authRouter } from "./auth-router.ts";
import { blocklistRouter } from "./blocklist-router.ts";
import { callsRouter } from "./calls-router.ts";
import { cannedRepliesRouter } from "./canned-replies-router.ts";
import { clientsRouter } from "./clients-router.ts";
import { eventsRouter } from "./events-router.ts";
import { createCallerFactory, router } from "./init.ts";
import { messagesRouter } from "./messages-router.ts";
import { ordersRouter } from "./orders-router.ts";
import { outboundWebhooksRouter } from "./outbound-webhooks-router.ts";
import { settingsRouter } from "./settings-router.ts";
import { statsRouter } from "./stats-router.ts";
import { storesRouter } from "./stores-router.ts";
import { usersRouter } from "./users-router.ts";

export const appRouter = router({
  auth: authRouter,
  clients: clientsRouter,
  orders: ordersRouter,
  messages: messagesRouter,
  stats: statsRouter,
  events: eventsRouter,
  users: usersRouter,
  settings: settingsRouter,
  calls: callsRouter,
  cannedReplies: cannedRepliesRouter,
  audit: auditRouter,
  stores: storesRouter,
  outboundWebhooks: outboundWebhooksRouter,
  blocklist: blocklistRouter,
});

/** The dashboard imports this type, and only this type. */
export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
