/**
 * `npm start`: starts Statecraft with the configuration from the environment (see README.md).
 * Prints the local and LAN URLs; stops gracefully on SIGTERM/SIGINT.
 */
import { WebSocket } from "ws";
import { loadConfig, ConfigError } from "./config.js";
import { startApp } from "./app.js";
import { lanUrls } from "./platform/lan.js";
import { builtinKinds } from "./rooms/index.js";
import { loadMods } from "./rooms/mods.js";

// Node 20 has no global WebSocket; Colyseus's reconnection path needs one (STACK.md).
(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`statecraft: ${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  const kinds = [...builtinKinds, ...(await loadMods(config.mods))];
  const app = await startApp(config, kinds);
  const { local, lan } = lanUrls(config.host, app.port);
  app.platform.logger.info("listening", {
    port: app.port,
    local,
    lan,
    database: app.platform.db.description,
    presence: config.redisUrl ? "redis" : "in-process",
    rooms: kinds.map((k) => k.spec.name),
  });
  if (config.logLevel !== "silent" && process.stdout.isTTY) {
    process.stdout.write(`\n  Statecraft is running\n  local:  ${local}\n${lan.map((u) => `  LAN:    ${u}\n`).join("")}\n`);
  }
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    if (++signals > 1) process.exit(1); // a second Ctrl-C: stop now
    app.platform.logger.info("signal received", { signal });
    app.stop().then(
      () => process.exit(0),
      (e) => {
        app.platform.logger.error("shutdown failed", { error: e });
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}

main().catch((e) => {
  // a room kind's own settings (e.g. STORE_*) are checked as it starts: a one-line message, like loadConfig's
  if (e instanceof ConfigError) {
    process.stderr.write(`statecraft: ${e.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`statecraft: failed to start: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exit(1);
});
