import type { Database } from "@confirma/db";
import { GroupCommitWriter, KeyGate } from "./group-commit.ts";

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

/**
 * One group-commit writer per database for messages from phone senders, going through the
 * database's sender gate: `store` writes a batch in one statement. With `oneItemPerKey`, a
 * statement holds one delivery per customer (for SQL that reads what was there before it).
 */
export function senderWriters<Item extends { event: { from: { phone: string } } }, Result>(
  store: (db: Database, items: readonly Item[]) => Promise<Result[]>,
  { oneItemPerKey = false }: { oneItemPerKey?: boolean } = {},
): (db: Database) => GroupCommitWriter<Item, Result> {
  const writers = new WeakMap<Database, GroupCommitWriter<Item, Result>>();
  return (db) => {
    let writer = writers.get(db);
    if (!writer) {
      writer = new GroupCommitWriter((items) => store(db, items), {
        keysOf: (item) => [senderKey(item.event.from.phone)],
        gate: senderGateOf(db),
        oneItemPerKey,
      });
      writers.set(db, writer);
    }
    return writer;
  };
}
