import { api } from "../api/client.ts";
import { createQuery } from "../api/query.ts";
import { currentUser, isAdmin } from "./session.ts";

/**
 * Names of dashboard users by id, for "who did it" lines. Admins can list every user; an agent
 * knows only their own name (the others stay "a user").
 */
export function createUserNames(): (id: string) => string | null {
  const users = createQuery(
    () => isAdmin() && "users",
    () => api.users.list.query(),
  );
  return (id) => {
    const me = currentUser();
    if (me?.id === id) return me.name ?? me.email;
    const user = users.data()?.find((candidate) => candidate.id === id);
    return user ? (user.name ?? user.email) : null;
  };
}
