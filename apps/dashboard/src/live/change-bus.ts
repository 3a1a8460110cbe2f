import type { ChangeEvent } from "../api/types.ts";

/** A listener's interest: which committed changes should refetch what it shows. */
export type ChangeFilter = (event: ChangeEvent) => boolean;

export interface ChangeBus {
  /** Delivers one event to the listeners it concerns (after their debounce). */
  publish(event: ChangeEvent): void;
  /** Calls `refresh` at most once per `debounceMs` burst of events matching `filter`. Returns the unsubscribe. */
  listen(filter: ChangeFilter, refresh: (events: ChangeEvent[]) => void): () => void;
  /** Calls every listener once (after a reconnect that may have missed events). */
  refreshAll(): void;
}

/**
 * Fans live change events out to the visible pages. Events come in bursts (a webhook creates a
 * message, updates the client and the order in one transaction): each listener is called once
 * per burst, `debounceMs` after its last matching event — and at least every `maxWaitMs` while
 * a busy shop's events never pause.
 */
export function createChangeBus({ debounceMs = 150, maxWaitMs = 1000 } = {}): ChangeBus {
  interface Listener {
    filter: ChangeFilter;
    refresh: (events: ChangeEvent[]) => void;
    pending: ChangeEvent[];
    timer: ReturnType<typeof setTimeout> | undefined;
    /** When the oldest unrefreshed event arrived. */
    since: number | undefined;
  }
  const listeners = new Set<Listener>();

  const flush = (listener: Listener) => {
    const events = listener.pending;
    listener.pending = [];
    listener.timer = undefined;
    listener.since = undefined;
    if (listeners.has(listener)) listener.refresh(events);
  };

  const schedule = (listener: Listener) => {
    clearTimeout(listener.timer);
    const now = Date.now();
    listener.since ??= now;
    const delay = Math.max(0, Math.min(debounceMs, listener.since + maxWaitMs - now));
    listener.timer = setTimeout(() => flush(listener), delay);
  };

  return {
    publish(event) {
      for (const listener of listeners) {
        if (!listener.filter(event)) continue;
        listener.pending.push(event);
        schedule(listener);
      }
    },
    listen(filter, refresh) {
      const listener: Listener = { filter, refresh, pending: [], timer: undefined, since: undefined };
      listeners.add(listener);
      return () => {
        clearTimeout(listener.timer);
        listeners.delete(listener);
      };
    },
    refreshAll() {
      for (const listener of listeners) schedule(listener);
    },
  };
}

/** Changes that concern lists of orders (an order, or a client whose name rows show). */
export const touchesOrders: ChangeFilter = (event) => event.entity === "order" || (event.entity === "client" && event.action !== "created");

/** Changes that concern the review queue: its orders, and a quoted reply whose file arrived (a message updated). */
export const touchesReview: ChangeFilter = (event) => touchesOrders(event) || (event.entity === "message" && event.action === "updated");

/** Changes that concern lists of clients (a client; a message moves its last contact). */
export const touchesClients: ChangeFilter = (event) => event.entity === "client" || event.entity === "message";

/** Changes about one client's record or orders (what its page shows beside the thread). */
export function touchesClient(clientId: string): ChangeFilter {
  return (event) => event.entity !== "message" && (event.clientId === clientId || (event.entity === "client" && event.entityId === clientId));
}

/** New or updated messages (delivery statuses) in one client's thread. */
export function touchesThread(clientId: string): ChangeFilter {
  return (event) => event.entity === "message" && event.clientId === clientId;
}

/**
 * Changes that concern the call queue: an order (claimed, released, decided, flagged) or a
 * message (a delivery status moves an item's "last message" line, a failure adds an item).
 */
export const touchesCalls: ChangeFilter = (event) => event.entity === "order" || event.entity === "message";

/** Anything: the overview counts everything. */
export const touchesAnything: ChangeFilter = () => true;
