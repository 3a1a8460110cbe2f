import net from "node:net";

/**
 * What the fake server does when a connection sends postgres.js's array-types query (the
 * `pg_type` query it runs on each new connection before the first waiting query):
 * `answer` it; end the session the way a stopping PostgreSQL does (`terminate`: FATAL 57P01,
 * then close); `close` the socket without a word (a crashed backend); `reset` it (RST).
 */
export type ArrayTypesReply = "answer" | "terminate" | "close" | "reset";

export interface FakePostgresOptions {
  /** The reply to the array-types query on the n-th connection (0-based). */
  arrayTypes: (connection: number) => ArrayTypesReply;
  /** After a failing reply, stop listening, so reconnecting is refused (the server has stopped). */
  stopListeningOnFailure?: boolean;
}

/**
 * A PostgreSQL server on 127.0.0.1 that speaks just enough of the wire protocol (v3, trust
 * authentication, the simple and extended query protocols) to open postgres.js connections,
 * answer the array-types query and any other query with one row `{ one: 1 }`, or fail a
 * connection at the array-types query. Tests use it to put a failure at that exact moment of a connection's startup.
 */
export async function startFakePostgres({ arrayTypes, stopListeningOnFailure = false }: FakePostgresOptions) {
  let connections = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    const reply = arrayTypes(connections++);
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    let pending = Buffer.alloc(0);
    let started = false;
    const statements = new Map<string, string>();
    let statement = "";
    let parsed = false;
    let described = false;
    socket.on("data", (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        // The startup message has no type byte; every later message has one.
        const header = started ? 1 : 0;
        if (pending.length < header + 4) return;
        const size = header + pending.readUInt32BE(header);
        if (pending.length < size) return;
        const type = started ? String.fromCharCode(pending[0]!) : "";
        const body = pending.subarray(header + 4, size);
        pending = pending.subarray(size);
        if (!started) {
          started = true;
          socket.write(startupReply());
        } else if (type === "P") {
          parsed = true;
          statements.set(nthString(body, 0), nthString(body, 1));
        } else if (type === "B") statement = statements.get(nthString(body, 1)) ?? "";
        else if (type === "D") described = true;
        else if (type === "X") return void socket.end();
        else if (type === "S" || type === "Q") {
          if (type === "Q") statement = nthString(body, 0);
          const isArrayTypes = statement.includes("pg_type");
          if (isArrayTypes && reply !== "answer") return fail(socket, reply);
          socket.write(type === "Q" ? simpleQueryReply(isArrayTypes) : extendedQueryReply(isArrayTypes, { parsed, described }));
          parsed = described = false;
        }
      }
    });
  });

  function fail(socket: net.Socket, reply: Exclude<ArrayTypesReply, "answer">): void {
    if (stopListeningOnFailure) server.close();
    if (reply === "reset") socket.resetAndDestroy();
    else if (reply === "terminate") socket.end(fatalAdminShutdown());
    else socket.end();
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    /** How many connections the server has accepted. */
    get connections() {
      return connections;
    },
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function message(type: string, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  const header = Buffer.alloc(5);
  header.write(type, 0, "latin1");
  header.writeUInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

const int16 = (value: number) => Buffer.from([value >> 8, value & 0xff]);
const int32 = (value: number) => {
  const buffer = Buffer.alloc(4);
  buffer.writeInt32BE(value);
  return buffer;
};
const text = (value: string) => Buffer.from(`${value}\0`);
/** The n-th NUL-terminated string of a message body (Parse: the statement's name, then its text; Bind: the portal, then the statement). */
const nthString = (body: Buffer, n: number) => body.toString("utf8").split("\0")[n] ?? "";

/** ReadyForQuery, idle. */
const READY = message("Z", Buffer.from("I"));

/** AuthenticationOk, the parameters a real server reports, BackendKeyData, ReadyForQuery. */
function startupReply(): Buffer {
  const parameters = { server_version: "15.0", server_encoding: "UTF8", client_encoding: "UTF8", DateStyle: "ISO, MDY", integer_datetimes: "on" };
  return Buffer.concat([
    message("R", int32(0)),
    ...Object.entries(parameters).map(([name, value]) => message("S", text(name), text(value))),
    message("K", int32(4242), int32(7)),
    READY,
  ]);
}

/** The result of any query: no array types, or one row `{ one: 1 }`. */
function result(isArrayTypes: boolean) {
  const OID = 26;
  const INT4 = 23;
  const column = (name: string, type: number) => Buffer.concat([text(name), int32(0), int16(0), int32(type), int16(4), int32(-1), int16(0)]);
  const columns = isArrayTypes ? [column("oid", OID), column("typarray", OID)] : [column("one", INT4)];
  const rows = isArrayTypes ? [] : [message("D", int16(1), int32(1), Buffer.from("1"))];
  return {
    description: message("T", int16(columns.length), ...columns),
    rows: Buffer.concat([...rows, message("C", text(`SELECT ${rows.length}`))]),
  };
}

/** The replies to a simple Query: RowDescription, DataRows, CommandComplete, ReadyForQuery. */
function simpleQueryReply(isArrayTypes: boolean): Buffer {
  const { description, rows } = result(isArrayTypes);
  return Buffer.concat([description, rows, READY]);
}

/** The replies to [Parse, Describe,] Bind, Execute and Sync. */
function extendedQueryReply(isArrayTypes: boolean, { parsed, described }: { parsed: boolean; described: boolean }): Buffer {
  const { description, rows } = result(isArrayTypes);
  return Buffer.concat([...(parsed ? [message("1")] : []), ...(described ? [message("t", int16(0)), description] : []), message("2"), rows, READY]);
}

/** What a backend sends when `pg_ctl stop -m fast` (or pg_terminate_backend) ends its session. */
function fatalAdminShutdown(): Buffer {
  const fields = { S: "FATAL", V: "FATAL", C: "57P01", M: "terminating connection due to administrator command" };
  return message("E", ...Object.entries(fields).map(([code, value]) => Buffer.concat([Buffer.from(code), text(value)])), Buffer.from([0]));
}
