/**
 * `bun run dev`: the server on :4000 (restarting on change) and the dashboard's Vite dev server
 * on :5173, both from the repository root so `.env` and `DATA_DIR` mean the same as for `start`.
 */

/** The Vite dev server's origin (apps/dashboard/vite.config.ts): trusted by the server in development only. */
const DASHBOARD_DEV_ORIGIN = "http://localhost:5173";
const corsOrigins = [...(process.env.CORS_ORIGINS ?? "").split(","), DASHBOARD_DEV_ORIGIN].map((origin) => origin.trim()).filter(Boolean);
const serverEnv = { ...process.env, CORS_ORIGINS: [...new Set(corsOrigins)].join(",") };

const children = [
  Bun.spawn(["bun", "--watch", "apps/server/src/main.ts"], { stdio: ["inherit", "inherit", "inherit"], env: serverEnv }),
  Bun.spawn(["bun", "run", "--cwd", "apps/dashboard", "dev"], { stdio: ["inherit", "inherit", "inherit"] }),
];

function stop(signal: NodeJS.Signals) {
  for (const child of children) child.kill(signal);
}
process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGTERM", () => stop("SIGTERM"));

const code = await Promise.race(children.map((child) => child.exited));
stop("SIGTERM");
await Promise.all(children.map((child) => child.exited));
process.exit(code);
