// What other workspaces use to test against the real server (`@confirma/server/testing`).
export { collectOutput, freePort, spawnServer, type SpawnedServer, type SpawnOptions } from "./spawn-server.ts";
export { oggOpusVoiceNote } from "./voice-note.ts";
