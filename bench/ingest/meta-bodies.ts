import { createHmac } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { metaDelivery, metaEntry } from "@confirma/whatsapp/testing";

const TEXTS = [
  "Bonjour, c'est pour quand la livraison ?",
  "Salam, wach kayna livraison l Rabat ?",
  "Merci beaucoup",
  "Je peux changer l'adresse de livraison ?",
  "Hello, do you ship to Lyon?",
  "Vous avez la taille M ?",
];
const NAMES = ["Yasmine Benali", "Karim Haddad", "Fatou Diallo", "Julie Martin", "Omar El Idrissi", "Sofia Garcia", "Mehdi Chraibi", "Awa Ndiaye"];

export interface SignedBodiesOptions {
  dir: string;
  runId: string;
  threads: number;
  /** Deliveries per thread file. */
  perThread: number;
  senders: number;
  appSecret: string;
  /** Messages in one delivery, spread over `entries` entries. */
  messagesPerDelivery?: number;
  entries?: number;
}

/** The phone (wa_id, digits only) of sender number `index`, as the seed-format load uses. */
export function senderWaId(index: number): string {
  return `33612${String(index).padStart(6, "0")}`;
}

/**
 * Writes `bodies-<thread>.tsv` files of Meta Cloud API deliveries, each line
 * `sha256=<HMAC-SHA256(body, app secret)>\t<body>`, message ids unique across the run.
 */
export async function writeSignedBodies(options: SignedBodiesOptions): Promise<{ deliveries: number; messages: number; bytes: number }> {
  const { dir, runId, threads, perThread, senders, appSecret, messagesPerDelivery = 1, entries = 1 } = options;
  mkdirSync(dir, { recursive: true });
  let counter = 0;
  let bytes = 0;
  const now = Math.floor(Date.now() / 1000);
  for (let thread = 0; thread < threads; thread++) {
    const lines: string[] = [];
    for (let delivery = 0; delivery < perThread; delivery++) {
      const perEntry = Math.ceil(messagesPerDelivery / entries);
      const entryList = [];
      for (let entry = 0; entry < entries; entry++) {
        const count = Math.min(perEntry, messagesPerDelivery - entry * perEntry);
        if (count <= 0) break;
        const contacts = [];
        const messages = [];
        for (let m = 0; m < count; m++) {
          counter++;
          // Senders in random order (as real traffic): concurrent batches lock clients in any order.
          const sender = (Math.imul(counter ^ (thread << 24), 2654435761) >>> 0) % senders;
          const waId = senderWaId(sender);
          contacts.push({ profile: { name: NAMES[sender % NAMES.length] }, wa_id: waId });
          messages.push({
            from: waId,
            id: `wamid.${runId}.${thread}.${counter}`,
            timestamp: String(now),
            type: "text",
            text: { body: TEXTS[counter % TEXTS.length] },
          });
        }
        entryList.push(metaEntry({ contacts, messages }));
      }
      const body = JSON.stringify(metaDelivery(entryList));
      const signature = createHmac("sha256", appSecret).update(body).digest("hex");
      lines.push(`sha256=${signature}\t${body}`);
      bytes += body.length;
    }
    await Bun.write(join(dir, `bodies-${thread}.tsv`), `${lines.join("\n")}\n`);
  }
  return { deliveries: threads * perThread, messages: counter, bytes };
}
