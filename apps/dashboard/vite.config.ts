import { defineConfig } from "vite";
import solid from "vite-plugin-solid";

/** The server the dev proxy forwards API calls to (`bun run dev` starts it on :4000). */
const API_TARGET = process.env.CONFIRMA_API_URL ?? "http://localhost:4000";

export default defineConfig({
  plugins: [solid()],
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      // SSE (live events) goes through /trpc too: no buffering, no timeout on the proxy side.
      "/trpc": { target: API_TARGET, changeOrigin: false, ws: true, timeout: 0, proxyTimeout: 0 },
      "/api": { target: API_TARGET, changeOrigin: false },
      "/downloads": { target: API_TARGET, changeOrigin: false },
    },
  },
  build: {
    outDir: "dist",
    target: "es2022",
    sourcemap: false,
    modulePreload: { polyfill: false },
  },
});
