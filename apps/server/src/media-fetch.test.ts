import { afterAll, beforeEach, describe, expect, test } from "bun:test";
import { mkdtempSync, readdirSync, rmSync, statSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mediaFetchJob } from "@confirma/api";
import { messageMedia, messages } from "@confirma/db";
import { metaInboundMessage } from "@confirma/whatsapp/testing";
import { eq } from "drizzle-orm";
import { openTestApp, TEST_KEY } from "./testing/test-app.ts";
import { oggOpusVoiceNote } from "./testing/voice-note.ts";

/**
 * Inbound media, end to end against fake providers on 127.0.0.1 that speak their real protocols:
 * Meta's two steps (`GET /{version}/{media-id}` → `{ url, … }`, then the URL, both with the
 * token), Twilio's `MediaUrl0` (basic auth, a redirect to its CDN), Evolution's base64.
 */
type FileReply = { status?: number; body?: Uint8Array | string; contentType?: string; redirect?: string };

const TOKEN = "meta-access-token-for-tests";
const TWILIO_SID = `AC${"0123456789abcdef".repeat(2)}`;
const TWILIO_TOKEN = "twilio-auth-token-for-tests";
const files = new Map<string, FileReply[]>();
const requests: { path: string; authorization: string | null; apiKey?: string }[] = [];
let base = "";
const provider = Bun.serve({
  port: 0,
  hostname: "127.0.0.1",
  fetch(request): Response {
    const url = new URL(request.url);
    const authorization = request.headers.get("authorization");
    requests.push({ path: url.pathname, authorization, ...(request.headers.get("x-api-key") ? { apiKey: request.headers.get("x-api-key")! } : {}) });
    const graph = /^\/v26\.0\/([\w.-]+)$/.exec(url.pathname);
    if (graph) {
      if (authorization !== `Bearer ${TOKEN}`) return Response.json({ error: { code: 190, message: "Invalid OAuth access token" } }, { status: 401 });
      if (!files.has(graph[1]!)) return Response.json({ error: { code: 100, message: "Unsupported get request" } }, { status: 400 });
      return Response.json({
        messaging_product: "whatsapp",
        url: `${base}/lookaside/${graph[1]}?ext=1`,
        mime_type: "audio/ogg; codecs=opus",
        sha256: "x",
        file_size: "1",
        id: graph[1],
      });
    }
    const file = /^\/(?:lookaside|files|Accounts\/\w+\/Media)\/([\w.-]+)$/.exec(url.pathname.replace("/2010-04-01", ""));
    const replies = file ? files.get(file[1]!) : undefined;
    if (!replies || replies.length === 0) return new Response("not found", { status: 404 });
    const reply = replies.length > 1 ? replies.shift()! : replies[0]!;
    if (url.pathname.startsWith("/lookaside") && authorization !== `Bearer ${TOKEN}`) return new Response("no token", { status: 401 });
    if (reply.redirect) return new Response(null, { status: 307, headers: { location: reply.redirect } });
    return new Response((reply.body ?? "") as BodyInit, {
      status: reply.status ?? 200,
      headers: { "content-type": reply.contentType ?? "application/octet-stream" },
    });
  },
});
base = `http://127.0.0.1:${provider.port}`;
const mediaDir = mkdtempSync(join(tmpdir(), "confirma-media-"));
const t = await openTestApp({
  WHATSAPP_GRAPH_URL: base,
  WHATSAPP_GRAPH_VERSION: "v26.0",
  WHATSAPP_ACCESS_TOKEN: TOKEN,
  TWILIO_ACCOUNT_SID: TWILIO_SID,
  TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
  WAHA_API_KEY: "waha-api-key-for-tests",
  OUTBOUND_ALLOW_PRIVATE_NETWORKS: "true",
  MEDIA_DIR: mediaDir,
  MEDIA_MAX_BYTES: "64KB",
  MEDIA_RETENTION: "90d",
});
afterAll(async () => {
  await t.close();
  provider.stop(true);
  rmSync(mediaDir, { recursive: true, force: true });
});
beforeEach(() => {
  requests.length = 0;
  t.clock.set(new Date());
});

const voiceNote = oggOpusVoiceNote(3);
const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...new TextEncoder().encode("JFIF fake image bytes")]);
let phoneSeq = 0;
const nextPhone = () => `3361234${String(5000 + phoneSeq++).padStart(4, "0")}`;

/** A Meta media message through the webhook (with the integration key); returns our message id. */
async function metaMedia(type: string, mediaId: string, extra: Record<string, unknown> = {}) {
  const wamid = `wamid.${crypto.randomUUID()}`;
  const response = await t.app.request("/api/webhook/whatsapp", {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": TEST_KEY },
    body: JSON.stringify(
      metaInboundMessage(nextPhone(), "Amina", { type, [type]: { id: mediaId, mime_type: "audio/ogg; codecs=opus", ...extra } }, { id: wamid }),
    ),
  });
  expect(response.status).toBe(200);
  const [row] = await t.db.select().from(messages).where(eq(messages.providerMessageId, wamid));
  return row!;
}

async function mediaRow(messageId: string) {
  const [row] = await t.db.select().from(messageMedia).where(eq(messageMedia.messageId, messageId));
  return row!;
}

describe("Meta Cloud API", () => {
  test("a voice note is fetched in two steps after the webhook answered, stored, listed with its URL and served", async () => {
    files.set("media-voice-1", [{ body: voiceNote, contentType: "audio/ogg" }]);
    const message = await metaMedia("audio", "media-voice-1", { voice: true });
    // The webhook answered before anything was fetched: the file waits for the job.
    expect(requests).toHaveLength(0);
    expect(await mediaRow(message.id)).toMatchObject({ status: "pending" });

    await t.jobRunner.runDue();
    expect(requests.map((request) => [request.path, request.authorization])).toEqual([
      ["/v26.0/media-voice-1", `Bearer ${TOKEN}`],
      ["/lookaside/media-voice-1", `Bearer ${TOKEN}`],
    ]);
    const stored = await mediaRow(message.id);
    expect(stored).toMatchObject({ status: "stored", mimeType: "audio/ogg", sizeBytes: voiceNote.byteLength, durationSeconds: 3, error: null });
    // The name is ours, the file owner-only.
    expect(stored.fileName).toMatch(/^[0-9a-f-]{36}\.ogg$/);
    expect(statSync(join(mediaDir, stored.fileName!)).mode & 0o777).toBe(0o600);
    expect(statSync(mediaDir).mode & 0o777).toBe(0o700);

    const listed = await t.call("GET", `/api/clients/${message.clientId}/messages`);
    expect(listed.body.items[0].media).toEqual({
      url: `/api/media/${message.id}`,
      type: "audio",
      mimeType: "audio/ogg",
      size: voiceNote.byteLength,
      durationSeconds: 3,
      caption: null,
      status: "stored",
      error: null,
    });

    const served = await t.app.request(`/api/media/${message.id}`, { headers: { "x-api-key": TEST_KEY } });
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("audio/ogg");
    expect(served.headers.get("content-disposition")).toStartWith("inline;");
    expect(served.headers.get("x-content-type-options")).toBe("nosniff");
    expect(Buffer.from(await served.arrayBuffer()).equals(voiceNote)).toBe(true);
    const part = await t.app.request(`/api/media/${message.id}`, { headers: { "x-api-key": TEST_KEY, range: "bytes=0-3" } });
    expect(part.status).toBe(206);
    expect(await part.text()).toBe("OggS");

    const anonymous = await t.call("GET", `/api/media/${message.id}`, undefined, { key: null });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe("unauthorized");
  });

  test("a file over MEDIA_MAX_BYTES is refused without a retry, and said so", async () => {
    files.set("media-big", [{ body: new Uint8Array(70 * 1024).fill(0xff), contentType: "image/jpeg" }]);
    const message = await metaMedia("image", "media-big");
    await t.jobRunner.runDue();
    expect(await mediaRow(message.id)).toMatchObject({ status: "failed", error: "too_large", fileName: null });
    expect(await mediaFetchJob(t.db, message.id)).toMatchObject({ status: "failed", attempts: 1 });
    const served = await t.call("GET", `/api/media/${message.id}`);
    expect(served.status).toBe(404);
    expect(served.body.error).toMatchObject({ code: "media_unavailable", details: { status: "failed", reason: "too_large" } });
  });

  test("content that is not what an image may be (HTML) is refused, whatever the provider declares", async () => {
    files.set("media-html", [{ body: "<html><script>alert(1)</script></html>", contentType: "image/jpeg" }]);
    const message = await metaMedia("image", "media-html");
    await t.jobRunner.runDue();
    expect(await mediaRow(message.id)).toMatchObject({ status: "failed", error: "unsupported_type" });
    expect(readdirSync(mediaDir).filter((name) => name.startsWith("."))).toEqual([]);
  });

  test("a media id the provider no longer has (404) fails at once with not_found", async () => {
    files.set("media-gone", []);
    const message = await metaMedia("document", "media-gone");
    await t.jobRunner.runDue();
    expect(await mediaRow(message.id)).toMatchObject({ status: "failed", error: "not_found" });
    expect(await mediaFetchJob(t.db, message.id)).toMatchObject({ status: "failed", attempts: 1 });
  });

  test("a provider error is retried with backoff, and the file is stored when the provider recovers", async () => {
    files.set("media-flaky", [
      { status: 503, body: "busy" },
      { body: jpeg, contentType: "image/jpeg" },
    ]);
    const message = await metaMedia("image", "media-flaky", { caption: "La robe est abîmée" });
    await t.jobRunner.runDue();
    expect(await mediaRow(message.id)).toMatchObject({ status: "pending" });
    expect(await mediaFetchJob(t.db, message.id)).toMatchObject({ status: "pending", attempts: 1, lastError: expect.stringContaining("503") });

    t.clock.advance(60_000);
    await t.jobRunner.runDue();
    expect(await mediaRow(message.id)).toMatchObject({ status: "stored", mimeType: "image/jpeg" });
    const listed = await t.call("GET", `/api/clients/${message.clientId}/messages`);
    expect(listed.body.items[0].media).toMatchObject({ type: "image", caption: "La robe est abîmée", status: "stored" });
  });

  test("a provider that keeps failing is given up after the last try, with the reason", async () => {
    files.set("media-down", [{ status: 500, body: "down" }]);
    const message = await metaMedia("video", "media-down");
    for (let run = 0; run < 6; run++) {
      await t.jobRunner.runDue();
      t.clock.advance(31 * 60_000);
    }
    expect(await mediaRow(message.id)).toMatchObject({ status: "failed", error: "unreachable" });
    expect(await mediaFetchJob(t.db, message.id)).toMatchObject({ status: "failed", attempts: 6 });
  });
});

describe("other providers and serving", () => {
  test("Twilio: MediaUrl0 with the account's basic auth, following the redirect to the CDN; a PDF downloads as an attachment", async () => {
    const pdf = new TextEncoder().encode("%PDF-1.7\n% facture\n");
    files.set("cdn-file", [{ body: pdf, contentType: "application/pdf" }]);
    files.set("ME0001", [{ redirect: `${base}/files/cdn-file` }]);
    const sid = `MM${crypto.randomUUID().replaceAll("-", "")}`;
    const form = new URLSearchParams({
      From: `whatsapp:+${nextPhone()}`,
      To: "whatsapp:+14155238886",
      Body: "",
      MessageSid: sid,
      AccountSid: TWILIO_SID,
      NumMedia: "1",
      MediaUrl0: `${base}/2010-04-01/Accounts/${TWILIO_SID}/Media/ME0001`,
      MediaContentType0: "application/pdf",
    });
    const response = await t.app.request("/api/webhook/whatsapp/twilio", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-api-key": TEST_KEY },
      body: form.toString(),
    });
    expect(response.status).toBe(200);
    await t.jobRunner.runDue();
    expect(requests[0]).toEqual({ path: `/2010-04-01/Accounts/${TWILIO_SID}/Media/ME0001`, authorization: `Basic ${btoa(`${TWILIO_SID}:${TWILIO_TOKEN}`)}` });
    const [message] = await t.db.select().from(messages).where(eq(messages.providerMessageId, sid));
    expect(await mediaRow(message!.id)).toMatchObject({ status: "stored", mimeType: "application/pdf" });
    const served = await t.app.request(`/api/media/${message!.id}`, { headers: { "x-api-key": TEST_KEY } });
    expect(served.headers.get("content-type")).toBe("application/pdf");
    expect(served.headers.get("content-disposition")).toMatch(/^attachment; filename="confirma-[\w-]+\.pdf"$/);
  });

  test("Evolution: the bytes sent in the webhook (webhook_base64) are stored, then dropped from the message", async () => {
    const id = `3EB0${crypto.randomUUID().replaceAll("-", "").slice(0, 16).toUpperCase()}`;
    const response = await t.app.request("/api/webhook/whatsapp", {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": TEST_KEY },
      body: JSON.stringify({
        event: "messages.upsert",
        instance: "shop",
        data: {
          key: { remoteJid: `${nextPhone()}@s.whatsapp.net`, fromMe: false, id },
          pushName: "Yassine",
          message: { audioMessage: { mimetype: "audio/ogg; codecs=opus", seconds: 3, ptt: true }, base64: Buffer.from(voiceNote).toString("base64") },
          messageType: "audioMessage",
          messageTimestamp: Math.floor(Date.now() / 1000),
        },
      }),
    });
    expect(response.status).toBe(200);
    const [message] = await t.db.select().from(messages).where(eq(messages.providerMessageId, id));
    await t.jobRunner.runDue();
    expect(await mediaRow(message!.id)).toMatchObject({ status: "stored", mimeType: "audio/ogg", durationSeconds: 3 });
    const [after] = await t.db.select().from(messages).where(eq(messages.id, message!.id));
    expect(after!.media).not.toHaveProperty("base64");
  });

  test("WAHA: media.url with its X-Api-Key; the sender's file name is never used", async () => {
    files.set("waha-doc", [{ body: new TextEncoder().encode("%PDF-1.4\n"), contentType: "application/pdf" }]);
    const id = `false_${nextPhone()}@c.us_${crypto.randomUUID().replaceAll("-", "").toUpperCase()}`;
    const response = await t.app.request("/api/webhook/whatsapp", {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": TEST_KEY },
      body: JSON.stringify({
        event: "message",
        session: "default",
        engine: "WEBJS",
        payload: {
          id,
          timestamp: Math.floor(Date.now() / 1000),
          from: id.split("_")[1],
          fromMe: false,
          body: "la facture",
          hasMedia: true,
          media: { url: `${base}/files/waha-doc`, mimetype: "application/pdf", filename: "../../etc/passwd.pdf" },
          _data: { type: "document", notifyName: "Camille" },
        },
      }),
    });
    expect(response.status).toBe(200);
    await t.jobRunner.runDue();
    expect(requests[0]).toMatchObject({ path: "/files/waha-doc", apiKey: "waha-api-key-for-tests" });
    const [message] = await t.db.select().from(messages).where(eq(messages.providerMessageId, id));
    const stored = await mediaRow(message!.id);
    expect(stored).toMatchObject({ status: "stored", mimeType: "application/pdf" });
    expect(stored.fileName).toMatch(/^[0-9a-f-]{36}\.pdf$/);
    const served = await t.app.request(`/api/media/${message!.id}`, { headers: { "x-api-key": TEST_KEY } });
    expect(served.headers.get("content-disposition")).not.toContain("passwd");
  });

  test("media the provider sent no file for (the guide's format) is shown as such; no job", async () => {
    const response = await t.call("POST", "/api/webhook/whatsapp", { from: `${nextPhone()}@s.whatsapp.net`, type: "audio", id: `seed-${crypto.randomUUID()}` });
    expect(response.status).toBe(200);
    const listed = await t.call("GET", `/api/clients/${response.body.clientId}/messages`);
    expect(listed.body.items[0].media).toMatchObject({ type: "audio", status: "failed", error: "no_file" });
    expect(await mediaFetchJob(t.db, listed.body.items[0].id)).toBeNull();
  });

  test("retention deletes files past MEDIA_RETENTION: the message stays, its file answers 410 media_expired", async () => {
    files.set("media-old", [{ body: jpeg, contentType: "image/jpeg" }]);
    const message = await metaMedia("image", "media-old");
    await t.jobRunner.runDue();
    const { fileName } = await mediaRow(message.id);
    t.clock.advance(91 * 24 * 3_600_000);
    await t.sweepMedia();
    expect(await mediaRow(message.id)).toMatchObject({ status: "expired", fileName: null });
    expect(readdirSync(mediaDir)).not.toContain(fileName);
    const served = await t.call("GET", `/api/media/${message.id}`);
    expect(served.status).toBe(410);
    expect(served.body.error.code).toBe("media_expired");
  });

  test("a deleted client's files go with the next sweep (an hour after they were written at the earliest)", async () => {
    files.set("media-erased", [{ body: jpeg, contentType: "image/jpeg" }]);
    const message = await metaMedia("image", "media-erased");
    await t.jobRunner.runDue();
    const fileName = (await mediaRow(message.id)).fileName!;
    expect((await t.call("DELETE", `/api/clients/${message.clientId}`)).status).toBe(204);
    await t.sweepMedia();
    expect(readdirSync(mediaDir)).toContain(fileName);
    const hoursAgo = new Date(Date.now() - 2 * 3_600_000);
    utimesSync(join(mediaDir, fileName), hoursAgo, hoursAgo);
    await t.sweepMedia();
    expect(readdirSync(mediaDir)).not.toContain(fileName);
  });

  test("an unknown id is not_found", async () => {
    const served = await t.call("GET", "/api/media/00000000-0000-7000-8000-000000000000");
    expect(served.status).toBe(404);
    expect(served.body.error.code).toBe("not_found");
  });
});
