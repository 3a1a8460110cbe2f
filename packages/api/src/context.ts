import type { Database } from "@confirma/db";
import type { ConfirmationSettings } from "./confirmation/confirmation-settings-schema.ts";

export interface ServiceSettings {
  /** Region for national phone numbers (`0612345678`). */
  defaultCountry: string;
  /** Currency of orders that name none. */
  defaultCurrency: string;
  /** The confirmation flow's defaults (from the environment); the dashboard's settings override them. */
  confirmation: ConfirmationSettings;
}

/** What every domain service needs: the database and the settings it applies. */
export interface Services {
  db: Database;
  settings: ServiceSettings;
  /** The clock the flow schedules by; tests move it. */
  now?: () => Date;
  /**
   * Checks an outbound webhook URL before it is stored (private, loopback and link-local
   * addresses unless OUTBOUND_ALLOW_PRIVATE_NETWORKS); throws `OutboundRefusedError`. The server
   * sets it; absent, URLs are not checked when stored (the dispatcher still refuses at send time).
   */
  outboundUrlCheck?: (url: string) => Promise<void>;
  /**
   * Where Confirma is reached from outside, ending in `/` (PUBLIC_URL, else the address it
   * listens on): the links it sends to other systems (a file's URL in an outbound webhook) are
   * built on it. Absent, those links are paths (`/api/media/…`).
   */
  publicBaseUrl?: string;
}

export function nowOf(services: Pick<Services, "now">): Date {
  return services.now?.() ?? new Date();
}
