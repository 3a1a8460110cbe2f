export * from "./phone-number/phone-number.ts";
export * from "./providers/types.ts";
export * from "./providers/registry.ts";
export * from "./providers/parse-timestamp.ts";
export * from "./reply-intent/reply-intent.ts";
