import { clientsRouter } from "./clients-router.ts";
import { createCallerFactory, router } from "./init.ts";
import { messagesRouter } from "./messages-router.ts";
import { ordersRouter } from "./orders-router.ts";

export const appRouter = router({
  clients: clientsRouter,
  orders: ordersRouter,
  messages: messagesRouter,
});

/** The dashboard imports this type, and only this type. */
export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
