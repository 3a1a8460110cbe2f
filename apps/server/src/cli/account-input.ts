import { randomBytes } from "node:crypto";
import { userInfo } from "node:os";
import type { Actor } from "@confirma/api";
import { UsageError } from "./command.ts";

/** A password to show once: 20 characters of base64url (120 bits). */
export function generatePassword(): string {
  return randomBytes(15).toString("base64url");
}

/** The first line of stdin, for `--password-stdin` (a pipe or a here-string, never an argument `ps` would show). */
export async function passwordFromStdin(): Promise<string> {
  const text = await Bun.stdin.text();
  const password = text.split(/\r?\n/)[0] ?? "";
  if (!password) throw new UsageError("--password-stdin: nothing was read from stdin");
  return password;
}

/** Who ran the command, as the audit trail records it: the operating-system user at the machine. */
export function commandActor(): Actor {
  let user = "unknown";
  try {
    user = userInfo().username;
  } catch {
    // No passwd entry (some containers): the command is still recorded.
  }
  return { type: "system", id: `cli:${user}` };
}
