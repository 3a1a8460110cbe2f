import type { Database } from "@confirma/db";
import { KeyGate } from "./group-commit.ts";

const gates = new WeakMap<Database, KeyGate>();

/**
 * The senders in running one-statement writes of a database, shared by the chat writer and the
 * confirm/cancel writer: a customer's next message waits for the statement holding their last
 * one, so each statement sees what the one before it wrote, as the step-by-step path does.
 */
export function senderGateOf(db: Database): KeyGate {
  let gate = gates.get(db);
  if (!gate) gates.set(db, (gate = new KeyGate()));
  return gate;
}

/** The key a phone sender goes by in the gate. */
export const senderKey = (phone: string) => `phone:${phone}`;
