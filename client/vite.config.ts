/**
 * Vite config for the browser client. Root is `client/`; the build goes to `<repo>/dist/client`,
 * which the game server serves at "/". This file runs in Node (vite's config loader) and is never
 * part of the browser bundle.
 *
 * Dev server (`npm run dev`, see scripts/dev.mjs): the page is served from :5173 and every request
 * the client makes to the game server — HTTP (`/api`, `/health`, `/metrics`, `/matchmake`) and the
 * room WebSockets (`/<processId>/<roomId>?…`) — is proxied to STATECRAFT_SERVER_URL (default
 * http://127.0.0.1:$PORT, PORT defaulting to 2567), so the client code always talks to its own origin, exactly as in
 * production where the game server serves the built files itself.
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));
const outDir = fileURLToPath(new URL("../dist/client", import.meta.url));
// 127.0.0.1, not "localhost": Node 20 may resolve localhost to ::1 while the server listens on IPv4.
const target = process.env.STATECRAFT_SERVER_URL ?? `http://127.0.0.1:${process.env.PORT ?? "2567"}`;

const http = { target, changeOrigin: false };

export default defineConfig({
  root,
  base: "/",
  publicDir: false,
  clearScreen: false,
  build: {
    outDir,
    emptyOutDir: true,
    target: "es2022",
    sourcemap: "hidden", // maps are written for debugging but not referenced by the served bundle
    // Phaser alone is ~1.2 MB minified; one chunk is what we want for a game, so don't warn about it.
    chunkSizeWarningLimit: 2500,
  },
  server: {
    host: true, // LAN parties: reachable from other machines on the network
    port: 5173,
    strictPort: true,
    proxy: {
      "/api": http,
      "/health": http,
      "/metrics": http,
      "/matchmake": http,
      // Colyseus room sockets connect to /<processId>/<roomId>?sessionId=…; vite's own HMR socket
      // uses "/" with the "vite-hmr" protocol and never matches this pattern.
      "^/[\\w-]+/[\\w-]+\\?": { ...http, ws: true },
    },
  },
  preview: {
    host: true,
    port: 4173,
  },
});
