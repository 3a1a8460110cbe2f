import { afterAll, expect, test } from "bun:test";
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openTestDatabase } from "@confirma/db/testing";
import { spawnServer } from "../testing/spawn-server.ts";
import { runCli, SPAWN } from "./testing/cli-test-kit.ts";

/** `confirma doctor`: each check in plain words, exit 1 when anything is wrong; providers faked on 127.0.0.1. */
const root = mkdtempSync(join(tmpdir(), "confirma-cli-doctor-"));
const postgres = process.env.DATABASE_URL ? await openTestDatabase() : undefined;
const databaseEnv = postgres?.url ? { DATABASE_URL: postgres.url } : {};

/** Meta's Graph API and an Evolution API, as far as the doctor asks them: read-only calls. */
const seen: { method: string; path: string }[] = [];
let evolutionState = "open";
const provider = Bun.serve({
  hostname: "127.0.0.1",
  port: 0,
  fetch(request) {
    const url = new URL(request.url);
    seen.push({ method: request.method, path: url.pathname });
    if (url.pathname === "/v26.0/109876543210") {
      if (request.headers.get("authorization") !== "Bearer good-token") {
        return Response.json(
          { error: { message: "Error validating access token: Session has expired.", type: "OAuthException", code: 190, fbtrace_id: "Ab1" } },
          { status: 401 },
        );
      }
      return Response.json({ display_phone_number: "+33 6 12 34 56 78", verified_name: "Boutique Chloé", quality_rating: "GREEN", id: "109876543210" });
    }
    if (url.pathname.startsWith("/instance/connectionState/")) {
      if (request.headers.get("apikey") !== "evo-key") return Response.json({ status: 401, error: "Unauthorized" }, { status: 401 });
      if (url.pathname !== "/instance/connectionState/shop") return Response.json({ status: 404, error: "Not Found" }, { status: 404 });
      return Response.json({ instance: { instanceName: "shop", state: evolutionState } });
    }
    return new Response("not found", { status: 404 });
  },
});
const providerUrl = `http://127.0.0.1:${provider.port}`;
afterAll(async () => {
  provider.stop(true);
  await postgres?.close();
  rmSync(root, { recursive: true, force: true });
});

const doctor = (env: Record<string, string>) => runCli(["doctor"], { env: { ...databaseEnv, ...env } });
const lineOf = (stdout: string, name: string) => stdout.split("\n").find((line) => line.includes(`  ${name}: `)) ?? "";

test("a fresh install: every check passes (0)", async () => {
  const result = await doctor({ DATA_DIR: join(root, "fresh") });
  expect(result.code).toBe(0);
  expect(result.stdout).toContain("Nothing wrong found.");
  expect(lineOf(result.stdout, "configuration")).toStartWith("ok ");
  expect(lineOf(result.stdout, "DATA_DIR")).toContain("does not exist yet: the first start creates it");
  expect(lineOf(result.stdout, "database")).toContain(postgres ? "reachable, all" : "no embedded database in");
  expect(lineOf(result.stdout, "integration key")).toContain("not generated yet");
  expect(lineOf(result.stdout, "WhatsApp sending")).toContain("WHATSAPP_SENDER=log");
}, 120_000);

test("Meta Cloud API: a working token, then an expired one (1), read with a GET and never printed", async () => {
  const meta = { DATA_DIR: join(root, "fresh"), WHATSAPP_SENDER: "meta", WHATSAPP_GRAPH_URL: providerUrl, WHATSAPP_PHONE_NUMBER_ID: "109876543210" };
  const working = await doctor({ ...meta, WHATSAPP_ACCESS_TOKEN: "good-token" });
  expect(working.code).toBe(0);
  expect(lineOf(working.stdout, "WhatsApp sending")).toBe(
    "ok       WhatsApp sending: Meta Cloud API: the token works for +33 6 12 34 56 78 (Boutique Chloé, quality GREEN)",
  );

  const expired = await doctor({ ...meta, WHATSAPP_ACCESS_TOKEN: "expired-token-value" });
  expect(expired.code).toBe(1);
  expect(lineOf(expired.stdout, "WhatsApp sending")).toStartWith(
    "PROBLEM  WhatsApp sending: Meta refused WHATSAPP_ACCESS_TOKEN (code 190: Error validating access token",
  );
  expect(expired.stdout).toContain("1 problem found.");
  expect(expired.stdout + expired.stderr).not.toContain("expired-token-value");
  expect(seen.filter((request) => request.path.startsWith("/v26.0/")).every((request) => request.method === "GET")).toBe(true);
}, 120_000);

test("Evolution API: connected, disconnected (1), a wrong key (1)", async () => {
  const evolution = { DATA_DIR: join(root, "fresh"), WHATSAPP_SENDER: "evolution", EVOLUTION_URL: providerUrl, EVOLUTION_INSTANCE: "shop" };
  const connected = await doctor({ ...evolution, EVOLUTION_API_KEY: "evo-key" });
  expect(connected.code).toBe(0);
  expect(lineOf(connected.stdout, "WhatsApp sending")).toContain("the instance shop is connected to WhatsApp");

  evolutionState = "close";
  const disconnected = await doctor({ ...evolution, EVOLUTION_API_KEY: "evo-key" });
  expect(disconnected.code).toBe(1);
  expect(lineOf(disconnected.stdout, "WhatsApp sending")).toContain("is not connected to WhatsApp (state close)");
  evolutionState = "open";

  const wrongKey = await doctor({ ...evolution, EVOLUTION_API_KEY: "not-the-key" });
  expect(wrongKey.code).toBe(1);
  expect(lineOf(wrongKey.stdout, "WhatsApp sending")).toContain("Evolution API refused EVOLUTION_API_KEY (HTTP 401)");
  expect(seen.filter((request) => request.path.startsWith("/instance/")).every((request) => request.method === "GET")).toBe(true);
}, 120_000);

test("a bad variable, an unreachable database, a full disk: each named in plain words (1)", async () => {
  const badConfig = await doctor({ DATA_DIR: join(root, "fresh"), PORT: "eighty" });
  expect(badConfig.code).toBe(1);
  expect(badConfig.stdout).toContain("PROBLEM  configuration: PORT must be a port number");

  const unreachable = await runCli(["doctor"], { env: { DATA_DIR: join(root, "fresh"), DATABASE_URL: "postgres://postgres@127.0.0.1:1/confirma" } });
  expect(unreachable.code).toBe(1);
  expect(lineOf(unreachable.stdout, "database")).toContain("PostgreSQL at postgres://postgres@127.0.0.1:1/confirma cannot be opened");

  mkdirSync(join(root, "small"), { recursive: true });
  const full = await doctor({ DATA_DIR: join(root, "small"), MIN_FREE_SPACE: "100000GB" });
  expect(full.code).toBe(1);
  expect(lineOf(full.stdout, "DATA_DIR")).toContain("less than MIN_FREE_SPACE (100000.0 GB)");
}, 120_000);

test("with the server running: the database through /readyz; a key file others can read (1)", async () => {
  const dataDir = join(root, "running");
  const server = await spawnServer({ DATA_DIR: dataDir, ...databaseEnv }, SPAWN);
  try {
    const result = await doctor({ DATA_DIR: dataDir });
    expect(result.code).toBe(0);
    expect(lineOf(result.stdout, "database")).toContain(
      postgres ? "reachable, all" : `the server (pid ${server.pid}, ${server.url}) holds the embedded database and is ready`,
    );
    expect(lineOf(result.stdout, "integration key")).toContain(`kept in ${dataDir}/secrets.json`);
    chmodSync(join(dataDir, "secrets.json"), 0o644);
    const loose = await doctor({ DATA_DIR: dataDir });
    expect(loose.code).toBe(1);
    expect(lineOf(loose.stdout, "integration key")).toContain("can be read by others (644): chmod 600 it");
  } finally {
    await server.stop();
  }
}, 300_000);
