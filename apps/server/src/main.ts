import { startServer } from "./cli/commands/start.ts";

// `bun run start` and `confirma start` run the same server.
await startServer();
