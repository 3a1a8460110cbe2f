import { createRoot, createSignal } from "solid-js";
import { api, onUnauthorized } from "../api/client.ts";
import { errorCodeOf } from "../api/errors.ts";
import type { SessionUser } from "../api/types.ts";

export type SessionState =
  | { status: "loading" }
  | { status: "anonymous" }
  | { status: "signed-in"; user: SessionUser }
  | { status: "unreachable"; error: unknown };

const [session, setSession] = createRoot(() => createSignal<SessionState>({ status: "loading" }));

/** Who is using the dashboard (reactive). */
export { session };

/** The signed-in user, or null. */
export function currentUser(): SessionUser | null {
  const state = session();
  return state.status === "signed-in" ? state.user : null;
}

export function isAdmin(): boolean {
  return currentUser()?.role === "admin";
}

/** Asks the server who we are (the session cookie is HttpOnly: only the server knows). */
export async function loadSession(): Promise<void> {
  try {
    const { user } = await api.auth.me.query();
    setSession(user ? { status: "signed-in", user } : { status: "anonymous" });
  } catch (error) {
    setSession(errorCodeOf(error) === "unauthorized" ? { status: "anonymous" } : { status: "unreachable", error });
  }
}

/** Signs in; throws the server's error (wrong password, rate limited) for the form to show. */
export async function signIn(email: string, password: string): Promise<void> {
  const { user } = await api.auth.login.mutate({ email, password });
  setSession({ status: "signed-in", user });
}

export async function signOut(): Promise<void> {
  try {
    await api.auth.logout.mutate();
  } finally {
    setSession({ status: "anonymous" });
  }
}

onUnauthorized(() => {
  if (session().status === "signed-in") setSession({ status: "anonymous" });
});
