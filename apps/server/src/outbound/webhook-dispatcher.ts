import {
  claimDueDeliveries,
  loadRenderContext,
  renderOutboundEvent,
  settleDelivery,
  type AttemptOutcome,
  type ClaimedDelivery,
  type RenderContext,
} from "@confirma/api";
import { OUTBOUND_WEBHOOKS_CHANNEL, type Database, type DatabaseHandle } from "@confirma/db";
import { OutboundRefusedError, signWebhook, type StoreFetch } from "@confirma/stores";

export interface WebhookDispatcherOptions {
  db: Database;
  /** The guarded fetch: private networks refused unless allowed, redirects never followed. */
  fetch: StoreFetch;
  /** Wakes the dispatcher when the outbox triggers notify; polling alone otherwise. */
  listen?: DatabaseHandle["listen"];
  /** The clock retries and leases are scheduled by (tests move it). Signatures use real time: receivers check it against theirs. */
  now?: () => Date;
  /** How long a claimed delivery is ours: longer than one request may take (the guarded fetch's 15 s). */
  leaseMs?: number;
  pollMs?: number;
  /** Deliveries claimed, and sent side by side, at a time. */
  batchSize?: number;
  onError?: (error: unknown) => void;
  /** Where Confirma is reached from outside, ending in `/`: a message's file URL is built on it. */
  publicBaseUrl?: string;
}

/**
 * Sends the outbox (`outbound_deliveries`, filled by triggers in the changes' transactions) as
 * Standard Webhooks: the exact bytes signed and posted, `webhook-id` the same on every attempt.
 * Several dispatchers (one per server) share the work through SKIP LOCKED claims with leases.
 */
export class WebhookDispatcher {
  private readonly now: () => Date;
  private running: Promise<void> | undefined;
  private stopped = true;
  private wake: (() => void) | undefined;
  private unlisten: (() => Promise<void>) | undefined;

  constructor(private readonly options: WebhookDispatcherOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /** Starts the background loop: deliveries go as soon as they are committed (NOTIFY) or due (polling). */
  async start(): Promise<void> {
    this.stopped = false;
    if (this.options.listen) this.unlisten = await this.options.listen(OUTBOUND_WEBHOOKS_CHANNEL, () => this.wake?.());
    this.running = this.loop();
  }

  /** Stops claiming and waits for the requests in hand. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.running;
    await this.unlisten?.();
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.runDue();
      } catch (error) {
        this.options.onError?.(error);
      }
      if (this.stopped) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.options.pollMs ?? 1_000);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  /** Sends every delivery due now, a batch at a time; returns how many were attempted. */
  async runDue(): Promise<number> {
    let attempted = 0;
    while (!(this.stopped && this.running)) {
      const batch = await claimDueDeliveries(this.options.db, {
        now: this.now(),
        limit: this.options.batchSize ?? 10,
        leaseMs: this.options.leaseMs ?? 60_000,
      });
      if (batch.length === 0) break;
      // Read per batch, not stored with the event: a voice note fetched since the first attempt goes out ready on a retry.
      const context = await loadRenderContext(
        this.options.db,
        batch.map((delivery) => delivery.payload),
        this.options.publicBaseUrl,
      );
      await Promise.all(batch.map((delivery) => this.attempt(delivery, context)));
      attempted += batch.length;
    }
    return attempted;
  }

  private async attempt(delivery: ClaimedDelivery, context: RenderContext): Promise<void> {
    let outcome: AttemptOutcome;
    try {
      outcome = delivery.endpoint.enabled ? await this.send(delivery, context) : { kind: "not_sent", error: "not sent: the endpoint is disabled" };
    } catch (error) {
      // Not the network's doing (the body could not be built): counted, so the schedule still ends it.
      this.options.onError?.(error);
      outcome = { kind: "failed", statusCode: null, error: "could not be sent (see the server log)", retry: true };
    }
    await settleDelivery(this.options.db, delivery, outcome, this.now());
  }

  private async send(delivery: ClaimedDelivery, context: RenderContext): Promise<AttemptOutcome> {
    const body = new TextEncoder().encode(renderOutboundEvent(delivery.payload, context));
    const timestamp = Math.floor(Date.now() / 1000);
    let response: Response;
    try {
      response = await this.options.fetch(delivery.endpoint.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "Confirma-Webhooks/1",
          "webhook-id": delivery.messageId,
          "webhook-timestamp": String(timestamp),
          "webhook-signature": signWebhook(delivery.endpoint.secret, delivery.messageId, timestamp, body),
        },
        body,
      });
    } catch (error) {
      // A refused address stays refused: no retry. A network error or time-out is retried.
      return { kind: "failed", statusCode: null, error: attemptError(error), retry: !(error instanceof OutboundRefusedError) };
    }
    // The answer's body is not read: only its status counts.
    await response.body?.cancel().catch(() => {});
    if (response.status >= 200 && response.status < 300) return { kind: "delivered", statusCode: response.status };
    if (response.status === 410) return { kind: "gone", statusCode: 410 };
    const error =
      response.status >= 300 && response.status < 400
        ? `HTTP ${response.status}: a redirect, not followed (register the final URL)`
        : `HTTP ${response.status}`;
    return { kind: "failed", statusCode: response.status, error, retry: true };
  }
}

/** What the delivery log says of a failed request: the error's kind and first line, never the URL (it may hold a token). */
function attemptError(error: unknown): string {
  if (error instanceof OutboundRefusedError) return error.message;
  if (!(error instanceof Error)) return "request failed";
  const code = (error as { code?: unknown }).code;
  const kind = typeof code === "string" ? code : error.name;
  const line = (error.message.split("\n")[0] ?? "").replace(/\bhttps?:\/\/\S+/g, "<url>").slice(0, 200);
  return line ? `${kind}: ${line}` : kind;
}
