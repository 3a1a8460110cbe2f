/**
 * `bun run dev`: the server on :4000 (restarting on change) and the dashboard's Vite dev server
 * on :5173, both from the repository root so `.env` and `DATA_DIR` mean the same as for `start`.
 */
const children = [
  Bun.spawn(["bun", "--watch", "apps/server/src/main.ts"], { stdio: ["inherit", "inherit", "inherit"] }),
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
