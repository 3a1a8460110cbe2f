import type { Database } from "@confirma/db";

/** Who is acting: recorded with every status change. */
export type Actor =
  | { type: "api_key"; id: string }
  | { type: "user"; id: string }
  | { type: "system"; id: string }
  | { type: "message"; id: string };

export interface ServiceSettings {
  /** Region for national phone numbers (`0612345678`). */
  defaultCountry: string;
  /** Currency of orders that name none. */
  defaultCurrency: string;
}

/** What every domain service needs: the database and the settings it applies. */
export interface Services {
  db: Database;
  settings: ServiceSettings;
}
