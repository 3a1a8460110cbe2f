import type { InboundEvent } from "@confirma/whatsapp";

export type EventOutcome =
  | {
      kind: "message";
      outcome: "stored" | "duplicate";
      providerMessageId?: string;
      clientId?: string;
      clientCreated?: boolean;
      intent?: string;
      orderId?: string;
      orderStatus?: string;
      flagged?: boolean;
    }
  | { kind: "status"; outcome: "updated" | "unchanged"; providerMessageId: string; status: string }
  | { kind: "ignored"; outcome: "ignored"; reason: string; providerMessageId?: string };

export interface IngestResult {
  /** Clients the delivery's messages belong to, in event order (duplicates included). */
  clientIds: string[];
  outcomes: EventOutcome[];
}

/** What an event the delivery carries but Confirma does not store came to. */
export function ignoredOutcome(event: InboundEvent): EventOutcome {
  return { kind: "ignored", outcome: "ignored", reason: event.kind === "ignored" ? event.reason : event.kind, providerMessageId: event.messageId };
}

/** A delivery's result: its outcomes, and the clients its messages belong to in event order. */
export function toIngestResult(outcomes: EventOutcome[]): IngestResult {
  const clientIds = outcomes.flatMap((outcome) => (outcome.kind === "message" && outcome.clientId ? [outcome.clientId] : []));
  return { clientIds, outcomes };
}
