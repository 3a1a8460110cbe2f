import { describe, expect, test } from "bun:test";
import { firstAdminBanner, generatedKeyBanner, listeningUrl, startupNotice } from "./startup-notice.ts";

describe("startupNotice", () => {
  test("a first start: the address, the admin's password and the key", () => {
    const notice = startupNotice({
      url: "http://localhost:4000",
      firstAdmin: { email: "admin@confirma.local", generatedPassword: "s3cret-Generated" },
      generatedKey: "cfm_0123456789abcdef",
      dataDir: "./.data",
    });
    expect(notice).toBe(
      [
        "",
        "  Confirma is running: open http://localhost:4000",
        "",
        "  Sign in as the first admin (shown this once; change the password in the dashboard):",
        "    email:     admin@confirma.local",
        "    password:  s3cret-Generated",
        "",
        "  Integration key (stored in ./.data/secrets.json, shown this once):",
        "    WHATSAPP_API_KEY=cfm_0123456789abcdef",
        "  Send it as the x-api-key header from your WhatsApp provider and integrations.",
        "",
        "",
      ].join("\n"),
    );
  });

  test.each([
    ["a restart", {}],
    ["an admin from ADMIN_EMAIL / ADMIN_PASSWORD", { firstAdmin: { email: "owner@shop.example" } }],
    ["no first admin", { firstAdmin: null, generatedKey: null }],
  ])("%s: only the address", (_name, facts) => {
    const notice = startupNotice({ url: "https://confirma.shop.example", dataDir: "/var/lib/confirma", ...facts });
    expect(notice).toBe("\n  Confirma is running: open https://confirma.shop.example\n\n");
  });

  test("a key chosen by the operator is never printed; a generated one is, with where it is stored", () => {
    expect(
      startupNotice({ url: "http://localhost:4000", firstAdmin: { email: "a@b.example", generatedPassword: "pw-1234567890" }, dataDir: "d" }),
    ).not.toContain("WHATSAPP_API_KEY");
    const notice = startupNotice({ url: "http://localhost:4000", generatedKey: "cfm_k", dataDir: "/srv/data" });
    expect(notice).toContain("\n    WHATSAPP_API_KEY=cfm_k\n");
    expect(notice).toContain("/srv/data/secrets.json");
    expect(notice).not.toContain("password");
  });
});

describe("the lines for machines", () => {
  test("the key keeps its own line, as the README shows it", () => {
    expect(generatedKeyBanner("cfm_k", "./.data").split("\n")).toContain("  WHATSAPP_API_KEY=cfm_k");
    expect(firstAdminBanner("admin@confirma.local", "pw").split("\n")).toEqual(expect.arrayContaining(["  email:    admin@confirma.local", "  password: pw"]));
  });
});

describe("listeningUrl", () => {
  test.each([
    ["0.0.0.0", 4000, "http://localhost:4000"],
    ["::", 4000, "http://localhost:4000"],
    ["127.0.0.1", 4100, "http://127.0.0.1:4100"],
    ["::1", 4000, "http://[::1]:4000"],
    ["confirma.internal", 80, "http://confirma.internal:80"],
  ])("%p:%p → %p", (host, port, expected) => {
    expect(listeningUrl(host, port)).toBe(expected);
  });
});
