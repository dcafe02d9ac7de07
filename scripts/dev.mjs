#!/usr/bin/env node
/**
 * `npm run dev`: the game server and the client with hot reload, together.
 *   - server: `tsx watch server/main.ts` on PORT (default 2567), restarted when server/ or shared/ change;
 *   - client: vite's dev server on http://localhost:5173 (also on the LAN), hot reload for client/;
 *     it proxies /api, /health, /metrics, /matchmake and the room WebSockets to the server
 *     (client/vite.config.ts), so open the vite URL and everything works as in production.
 * Ctrl-C (or either process dying) stops both.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => path.join(root, "node_modules", ".bin", process.platform === "win32" ? `${name}.cmd` : name);
const port = process.env.PORT ?? "2567";
const env = {
  ...process.env,
  PORT: port,
  NODE_ENV: process.env.NODE_ENV ?? "development",
  STATECRAFT_SERVER_URL: process.env.STATECRAFT_SERVER_URL ?? `http://127.0.0.1:${port}`,
};

const children = [
  start("server", bin("tsx"), ["watch", "--clear-screen=false", "server/main.ts"]),
  start("client", bin("vite"), ["--config", "client/vite.config.ts"]),
];

let stopping = false;

function start(label, command, args) {
  const child = spawn(command, args, { cwd: root, env, stdio: ["ignore", "inherit", "inherit"] });
  child.once("exit", (code, signal) => {
    if (stopping) return;
    console.error(`[dev] ${label} exited (${signal ?? `code ${code}`}); stopping the other one`);
    stop(code ?? 1);
  });
  child.once("error", (e) => {
    console.error(`[dev] could not start ${label}: ${e.message}`);
    stop(1);
  });
  return child;
}

function stop(exitCode) {
  if (stopping) return;
  stopping = true;
  const alive = children.filter((c) => c.exitCode === null && c.signalCode === null);
  for (const child of alive) child.kill("SIGTERM");
  // whatever has not exited after the server's grace period is killed
  const force = setTimeout(() => {
    for (const child of alive) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }, 8000);
  force.unref();
  Promise.all(alive.map((c) => new Promise((resolve) => c.once("exit", resolve)))).then(() => process.exit(exitCode));
}

process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));
process.on("SIGHUP", () => stop(0));

console.log(`[dev] server on :${port}, client with hot reload on http://localhost:5173 (Ctrl-C stops both)`);
