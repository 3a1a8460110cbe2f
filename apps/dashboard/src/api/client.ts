import type { AppRouter } from "@confirma/api";
import { createTRPCClient, httpBatchLink, httpLink, httpSubscriptionLink, splitLink, type TRPCLink } from "@trpc/client";
import { observable } from "@trpc/server/observable";
import { errorCodeOf } from "./errors.ts";

let unauthorizedHandler: (() => void) | undefined;

/** Called when any call (but signing in) learns the session is gone: the app shows the login form. */
export function onUnauthorized(handler: () => void): void {
  unauthorizedHandler = handler;
}

/** Watches every answer for `unauthorized` (a session expired or ended elsewhere). */
const sessionLink: TRPCLink<AppRouter> =
  () =>
  ({ op, next }) =>
    observable((observer) =>
      next(op).subscribe({
        next: (value) => observer.next(value),
        error: (error) => {
          if (op.path !== "auth.login" && op.path !== "auth.me" && errorCodeOf(error) === "unauthorized") unauthorizedHandler?.();
          observer.error(error);
        },
        complete: () => observer.complete(),
      }),
    );

/**
 * The typed API client. Same origin: the session cookie rides along; subscriptions use the
 * browser's EventSource (SSE), which reconnects and resumes with the last event id.
 */
export const api = createTRPCClient<AppRouter>({
  links: [
    sessionLink,
    splitLink({
      condition: (op) => op.type === "subscription",
      true: httpSubscriptionLink({ url: "/trpc" }),
      // Signing in travels alone (the server refuses it inside a batch); batches stay within the
      // server's cap of 20 calls (MAX_BATCH_CALLS in apps/server's trpc-handler.ts).
      false: splitLink({
        condition: (op) => op.path === "auth.login",
        true: httpLink({ url: "/trpc" }),
        false: httpBatchLink({ url: "/trpc", maxURLLength: 4000, maxItems: 20 }),
      }),
    }),
  ],
});
