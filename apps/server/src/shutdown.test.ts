import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openTestDatabase } from "@confirma/db/testing";
import { spawnServer } from "./testing/spawn-server.ts";

/** SIGTERM under keep-alive traffic: every request a client sent gets its answer, then the process exits 0. */
const dataDir = mkdtempSync(join(tmpdir(), "confirma-shutdown-"));
const database = process.env.DATABASE_URL ? await openTestDatabase() : undefined;
const databaseEnv = database?.url ? { DATABASE_URL: database.url } : {};
const KEY = "shutdown-test-key-0123456789";
afterAll(async () => {
  await database?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

interface Exchange {
  sent: number;
  answered: number;
  statuses: number[];
  /** The server closed the connection while a sent request had no answer. */
  reset: boolean;
  closedByServer: boolean;
}

/**
 * One keep-alive connection sending webhook deliveries one after the other (the next as soon as
 * the previous is answered) until the server answers `Connection: close` or closes.
 */
function keepAliveClient(url: string, name: string, onAnswer: () => void): Promise<Exchange> {
  const { hostname, port } = new URL(url);
  const exchange: Exchange = { sent: 0, answered: 0, statuses: [], reset: false, closedByServer: false };
  return new Promise((resolve) => {
    const socket: Socket = connect(Number(port), hostname);
    let buffer = Buffer.alloc(0);
    const send = () => {
      const body = JSON.stringify({ from: `3361230${name.padStart(4, "0")}`, body: "bonjour", type: "text", id: `${name}-${exchange.sent}` });
      exchange.sent++;
      socket.write(
        `POST /api/webhook/whatsapp HTTP/1.1\r\nHost: ${hostname}\r\ncontent-type: application/json\r\nx-api-key: ${KEY}\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
    };
    socket.on("connect", send);
    socket.on("data", (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const end = buffer.indexOf("\r\n\r\n");
        if (end < 0) return;
        const head = buffer.subarray(0, end).toString();
        const length = Number(/content-length: *(\d+)/i.exec(head)?.[1] ?? 0);
        if (buffer.length < end + 4 + length) return;
        buffer = buffer.subarray(end + 4 + length);
        exchange.answered++;
        exchange.statuses.push(Number(head.split(" ")[1]));
        onAnswer();
        if (/^connection: *close/im.test(head)) return socket.end();
        send();
      }
    });
    socket.on("error", () => {});
    socket.on("close", () => {
      exchange.closedByServer = true;
      exchange.reset = exchange.answered < exchange.sent;
      resolve(exchange);
    });
  });
}

test("SIGTERM while keep-alive connections have requests in flight: every sent request is answered, none reset, exit 0", async () => {
  const server = await spawnServer({ DATA_DIR: dataDir, WHATSAPP_API_KEY: KEY, ...databaseEnv });
  let answers = 0;
  let signalled: Promise<number | null> | undefined;
  const signalAt = performance.now();
  const clients = Array.from({ length: 16 }, (_, index) =>
    keepAliveClient(server.url, String(index), () => {
      // Mid-traffic: after a few hundred answers.
      if (++answers === 300) signalled = server.stop("SIGTERM");
    }),
  );
  const exchanges = await Promise.all(clients);
  const code = await signalled;
  const elapsed = performance.now() - signalAt;

  expect(signalled).toBeDefined();
  expect(exchanges.filter((exchange) => exchange.reset)).toEqual([]);
  expect(exchanges.flatMap((exchange) => exchange.statuses).filter((status) => status !== 200)).toEqual([]);
  expect(code).toBe(0);
  expect(elapsed).toBeLessThan(30_000);
}, 180_000);
