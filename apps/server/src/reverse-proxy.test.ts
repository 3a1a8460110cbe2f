import { afterAll, describe, expect, test } from "bun:test";
import { ensureFirstAdmin } from "@confirma/api";
import { computeTwilioSignature } from "@confirma/whatsapp";
import { openTestApp, TEST_KEY } from "./testing/test-app.ts";

/**
 * X-Forwarded-* headers through the real HTTP door (a socket on 127.0.0.1, so the server sees a
 * real peer address): only a trusted proxy may name the client's address, host or scheme.
 */
const TWILIO_TOKEN = "twilio-auth-token-for-tests";
const ADMIN = { email: "admin@example.com", password: "correct horse battery" };

const t = await openTestApp({ TWILIO_AUTH_TOKEN: TWILIO_TOKEN });
await ensureFirstAdmin(t.db, ADMIN);
const servers: Bun.Server<unknown>[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop(true)));
  await t.close();
});

/** An app configured with `env`, listening on 127.0.0.1 (its peer address for these requests). */
function serve(env: Record<string, string>) {
  const { app, recentRejects } = t.appWith(env);
  const server = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: (request, bun) => app.fetch(request, { server: bun }) });
  servers.push(server);
  return { base: `http://127.0.0.1:${server.port}`, recentRejects };
}
type Served = ReturnType<typeof serve>;

/** Exposed to the internet: no proxy trusted. */
const direct = serve({});
const oneProxy = serve({ TRUST_PROXY: "true", RATE_LIMIT_PER_IP: "2" });
const listed = serve({ TRUST_PROXY: "127.0.0.1,10.0.0.0/8" });
/** This socket's peer (127.0.0.1) is not one of the proxies. */
const otherProxy = serve({ TRUST_PROXY: "10.0.0.0/8" });

/** A refused webhook delivery, then the address the server recorded for it. */
async function addressSeen({ base, recentRejects }: Served, forwardedFor: string) {
  const response = await fetch(`${base}/api/webhook/whatsapp`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": forwardedFor },
    body: "{}",
  });
  expect(response.status).toBe(401);
  return recentRejects.list()[0]!.ip;
}

describe("the client's address (X-Forwarded-For)", () => {
  test("behind one proxy, rotating the left-most entries does not escape the per-address limit", async () => {
    // 2 requests per second, bursts of 10: well within 100 requests, whatever the machine's speed.
    const statuses: number[] = [];
    for (let index = 0; index < 100 && !statuses.includes(429); index++) {
      const response = await fetch(`${oneProxy.base}/api/clients`, { headers: { "x-api-key": TEST_KEY, "x-forwarded-for": `10.${index}.0.1, 203.0.113.7` } });
      statuses.push(response.status);
    }
    expect(statuses).toContain(429);
    // Another client behind the same proxy is not affected.
    expect((await fetch(`${oneProxy.base}/api/clients`, { headers: { "x-api-key": TEST_KEY, "x-forwarded-for": "203.0.113.8" } })).status).toBe(200);
  });

  test("a forged header cannot lock a provider's address out", async () => {
    const provider = "198.51.100.10";
    for (let index = 0; index < 35; index++) {
      await fetch(`${oneProxy.base}/api/webhook/whatsapp`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-api-key": `guess-${index}`, "x-forwarded-for": `${provider}, 203.0.113.66` },
        body: "{}",
      });
    }
    const attacker = await fetch(`${oneProxy.base}/api/webhook/whatsapp`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": TEST_KEY, "x-forwarded-for": `${provider}, 203.0.113.66` },
      body: "{}",
    });
    expect(attacker.status).toBe(429);
    const delivery = await fetch(`${oneProxy.base}/api/webhook/whatsapp`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": TEST_KEY, "x-forwarded-for": provider },
      body: JSON.stringify({ from: "33612345678", body: "oui", type: "text" }),
    });
    expect(delivery.status).toBe(200);
  });

  test.each([
    ["direct: the header is ignored", direct, "6.6.6.6", "127.0.0.1"],
    ["one proxy: the right-most entry", oneProxy, "6.6.6.6, 203.0.113.9", "203.0.113.9"],
    ["one proxy: an IPv4-mapped entry counts as IPv4", oneProxy, "6.6.6.6, ::ffff:203.0.113.9", "203.0.113.9"],
    ["listed proxies are skipped from the right", listed, "6.6.6.6, 203.0.113.9, 10.1.2.3, 10.0.0.1", "203.0.113.9"],
    ["listed proxies: IPv6 client", listed, "2001:db8::7, 10.0.0.1", "2001:db8::7"],
    ["a peer that is not a listed proxy is not believed", otherProxy, "6.6.6.6, 10.0.0.1", "127.0.0.1"],
  ])("%s", async (_name, served, forwardedFor, expected) => {
    expect(await addressSeen(served, forwardedFor)).toBe(expected);
  });
});

describe("the public URL (X-Forwarded-Host / X-Forwarded-Proto)", () => {
  const forged = { "x-forwarded-proto": "https", "x-forwarded-host": "evil.example" };
  const form = {
    MessageSid: "SM0000000000000000000000000000forw",
    From: "whatsapp:+221771234567",
    To: "whatsapp:+14155238886",
    Body: "Oui",
    ProfileName: "Awa",
    NumMedia: "0",
    AccountSid: "AC00000000000000000000000000000000",
  };
  const postTwilio = (base: string, signedFor: string, sid: string) => {
    const fields = { ...form, MessageSid: sid };
    return fetch(`${base}/api/webhook/whatsapp`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-twilio-signature": computeTwilioSignature(TWILIO_TOKEN, signedFor, Object.entries(fields)),
        ...forged,
      },
      body: new URLSearchParams(fields).toString(),
    });
  };

  test("a Twilio signature for a forwarded URL counts only when a trusted proxy forwarded it", async () => {
    const evil = "https://evil.example/api/webhook/whatsapp";
    expect((await postTwilio(direct.base, evil, "SMforwarded1")).status).toBe(401);
    expect((await postTwilio(otherProxy.base, evil, "SMforwarded2")).status).toBe(401);
    expect((await postTwilio(direct.base, `${direct.base}/api/webhook/whatsapp`, "SMforwarded3")).status).toBe(200);
    expect((await postTwilio(oneProxy.base, evil, "SMforwarded4")).status).toBe(200);
    expect((await postTwilio(listed.base, evil, "SMforwarded5")).status).toBe(200);
  });

  /** Signs in with forged forwarding headers; returns the cookie as set and the webhook URL the settings show. */
  async function signIn(base: string) {
    const login = await fetch(`${base}/trpc/auth.login`, {
      method: "POST",
      headers: { "content-type": "application/json", ...forged },
      body: JSON.stringify(ADMIN),
    });
    expect(login.status).toBe(200);
    const setCookie = login.headers.get("set-cookie")!;
    const cookie = setCookie.split(";")[0]!;
    const settings = await fetch(`${base}/trpc/settings.integrationKey`, { headers: { cookie, ...forged } });
    const webhookUrl = ((await settings.json()) as { result: { data: { webhookUrl: string } } }).result.data.webhookUrl;
    const me = async (origin: string) =>
      ((await (await fetch(`${base}/trpc/auth.me`, { headers: { cookie, origin, ...forged } })).json()) as { result: { data: { via: string | null } } }).result
        .data.via;
    return { setCookie, webhookUrl, me };
  }

  test("without a trusted proxy, the settings' webhook URL, the cookie's Secure flag and the Origin check ignore them", async () => {
    const { setCookie, webhookUrl, me } = await signIn(direct.base);
    expect(webhookUrl).toBe(`${direct.base}/api/webhook/whatsapp`);
    expect(setCookie).not.toMatch(/;\s*Secure/i);
    expect(await me("https://evil.example")).toBeNull();
    expect(await me(direct.base)).toBe("session");
  });

  test("behind a trusted proxy, they give the public URL", async () => {
    const { setCookie, webhookUrl, me } = await signIn(oneProxy.base);
    expect(webhookUrl).toBe("https://evil.example/api/webhook/whatsapp");
    expect(setCookie).toMatch(/;\s*Secure/i);
    expect(await me("https://evil.example")).toBe("session");
  });
});
