// `@confirma/api/testing`: services tests call directly to arrange state (users, sessions,
// settings) and the claim window they wait out. The server reaches them only through the router.
export { login } from "./accounts/session-service.ts";
export { createUser } from "./accounts/user-service.ts";
export { loadConfirmationSettings, saveConfirmationSettings } from "./confirmation/confirmation-settings.ts";
export { CLAIM_MS } from "./calls/call-queue-service.ts";
export { loadCustomerRules, saveCustomerRules } from "./customers/risk-settings.ts";
