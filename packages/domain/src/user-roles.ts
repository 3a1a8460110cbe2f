/** Admins manage users, settings and the integration; agents work the orders and queues. */
export const USER_ROLES = ["admin", "agent"] as const;
export type UserRole = (typeof USER_ROLES)[number];
