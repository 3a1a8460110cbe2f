/** Who is acting: recorded with every status change and audit event. */
export type Actor = { type: "api_key"; id: string } | { type: "user"; id: string } | { type: "system"; id: string } | { type: "message"; id: string };
