/** One request the fake Graph API received. */
export interface GraphRequest {
  method: string;
  path: string;
  authorization: string | null;
  body: any;
}

export type GraphReply = { status: number; body: unknown };

/**
 * A stand-in for Meta's Graph API on 127.0.0.1 that speaks its protocol: `POST /{version}/{phone
 * number id}/messages` answers `{ messaging_product, contacts, messages: [{ id }] }`, or whatever
 * the test queues (`failNext`) — a Graph error, a 500.
 */
export function startFakeMetaGraph() {
  const requests: GraphRequest[] = [];
  const queued: GraphReply[] = [];
  let sequence = 0;
  const server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    async fetch(request) {
      const url = new URL(request.url);
      const body = await request.json().catch(() => null);
      requests.push({ method: request.method, path: url.pathname, authorization: request.headers.get("authorization"), body });
      const next = queued.shift();
      if (next) return Response.json(next.body, { status: next.status });
      sequence += 1;
      const id = `wamid.FAKE${String(sequence).padStart(6, "0")}`;
      return Response.json({ messaging_product: "whatsapp", contacts: [{ input: body?.to, wa_id: body?.to }], messages: [{ id, message_status: "accepted" }] });
    },
  });
  return {
    url: `http://127.0.0.1:${server.port}`,
    requests,
    /** The next answer, once. */
    failNext(reply: GraphReply) {
      queued.push(reply);
    },
    stop: () => server.stop(true),
  };
}

export const graphError = (code: number, message: string, status = 400): GraphReply => ({
  status,
  body: { error: { message, type: "OAuthException", code, error_data: { messaging_product: "whatsapp", details: message }, fbtrace_id: "AbCdEf123" } },
});
