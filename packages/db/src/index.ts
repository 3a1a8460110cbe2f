export * from "./database.ts";
export * from "./schema.ts";
export * from "./change-events.ts";
export * from "./unavailable.ts";
export * from "./unstorable-text.ts";
export * from "./commit-deadline.ts";
export * from "./counters.ts";
export * from "./advisory-locks.ts";
