/**
 * Wires one Statecraft process: database (+ migrations), optional Redis (presence, driver), tokens,
 * metrics, the Colyseus server with every room kind, the HTTP API and the built client.
 * `startApp` is used by server/main.ts and by the tests (one app per process: Colyseus's
 * matchmaker is a process-wide singleton).
 */
import fs from "node:fs";
import path from "node:path";
import os from "node:os";
import type http from "node:http";
import express from "express";
import { Redis } from "ioredis";
import { Server, matchMaker } from "@colyseus/core";
import { WebSocketTransport } from "@colyseus/ws-transport";
import type { WebSocketServer } from "ws";
import { RedisPresence } from "@colyseus/redis-presence";
import { RedisDriver } from "@colyseus/redis-driver";
import { ConfigError, type Config } from "./config.js";
import { openDatabase } from "./platform/db/database.js";
import { migrate, platformMigrations } from "./platform/db/migrate.js";
import { UserRepository } from "./platform/db/users.js";
import { createTokenService, loadOrCreateSecret, withKnownUsers } from "./platform/auth.js";
import { createLogger, type Logger } from "./platform/logger.js";
import { Metrics, PlatformMetrics } from "./platform/metrics.js";
import { installPlatform, type Platform } from "./platform/context.js";
import { answerClientErrors, chain, errorHandler, notFound, requestIds } from "./platform/http.js";
import { routeAroundColyseus, type ColyseusRouter } from "./platform/httpFront.js";
import { mountPlatformRoutes } from "./platform/routes.js";
import { lanUrls } from "./platform/lan.js";
import { startHeartbeat } from "./platform/heartbeat.js";
import { assertValidKinds, registerKinds } from "./rooms/registry.js";
import type { RoomKind } from "./rooms/kind.js";

export interface StartedApp {
  platform: Platform;
  server: Server;
  http: http.Server;
  port: number;
  /** http://localhost:<port> */
  url: string;
  publicAddress: string;
  /** Graceful stop: rooms get onBeforeShutdown, clients are disconnected, the database is closed. */
  stop(): Promise<void>;
}

export interface AppOptions {
  now?: () => number;
}

export async function startApp(config: Config, kinds: RoomKind[], options: AppOptions = {}): Promise<StartedApp> {
  const now = options.now ?? Date.now;
  const logger = createLogger(config.logLevel, { pid: process.pid });
  assertValidKinds(kinds);

  const db = await openDatabase({ url: config.databaseUrl, sqliteFile: path.join(config.dataDir, "statecraft.db"), onProblem: (m) => logger.warn(m) });
  const applied = await migrate(db, [platformMigrations, ...kinds.map((k) => k.migrations ?? {})], (orphans) =>
    logger.warn("migrations of room kinds not loaded now are kept as applied; their tables stay as they are", { migrations: orphans }),
  );
  if (applied.length) logger.info("migrations applied", { migrations: applied, database: db.description });

  const redis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 2, lazyConnect: false }) : undefined;
  redis?.on("error", (e) => logger.warn("redis error", { error: e.message }));

  const registry = new Metrics();
  const users = new UserRepository(db.kysely);
  const platform: Platform = {
    config,
    db,
    users,
    tokens: withKnownUsers(createTokenService(loadOrCreateSecret(config.dataDir, config.authSecret), config.tokenTtlSeconds, now), users),
    metrics: new PlatformMetrics(registry),
    registry,
    logger,
    redis,
    now,
  };
  installPlatform(platform);
  registry.gauge("process_resident_memory_bytes", "Resident memory of this process", () => [
    { labels: {}, value: process.memoryUsage().rss },
  ]);

  for (const kind of kinds) await kind.start?.(platform);

  const publicAddress = config.publicAddress ?? defaultPublicAddress(config.host, config.port);
  // The transport's own keep-alive pings every client in one turn (a stall per period at 2,000
  // clients): it is off, and startHeartbeat pings the same clients in slices (heartbeat.ts). A dead
  // connection is found within 3 periods; a shorter period costs a frame per client per period.
  const transport = new WebSocketTransport({ maxPayload: config.maxMessageBytes, pingInterval: 0 });
  const stopHeartbeat = startHeartbeat((transport as unknown as { wss: WebSocketServer }).wss, { intervalMs: config.wsPingSeconds * 1000, maxMissed: 3 });
  const server = new Server({
    transport,
    greet: false,
    gracefullyShutdown: false,
    publicAddress: config.redisUrl ? publicAddress : undefined,
    ...(config.redisUrl ? { presence: new RedisPresence(config.redisUrl), driver: new RedisDriver(config.redisUrl) } : {}),
    logger: colyseusLogger(logger),
    express: (app) => buildHttp(app, platform, kinds),
  });
  registerKinds(server, kinds, platform);

  const httpServer = transport.server as http.Server;
  // Colyseus's listen() waits for "listening" only: a port already taken would leave the process
  // running and serving nothing. Refuse to start instead, like any other bad start setting.
  let onListenError: ((e: Error) => void) | undefined;
  const listenFailed = new Promise<never>((_, reject) => {
    onListenError = (e: NodeJS.ErrnoException) =>
      reject(
        e.code === "EADDRINUSE" || e.code === "EACCES"
          ? new ConfigError([`PORT: ${config.host}:${config.port} ${e.code === "EADDRINUSE" ? "is already in use (another server?)" : "may not be opened by this user"}; stop the other process or choose another PORT`])
          : e.code === "ENOTFOUND" || e.code === "EAI_AGAIN" || e.code === "EADDRNOTAVAIL"
            ? new ConfigError([`HOST: ${config.host} ${e.code === "EADDRNOTAVAIL" ? "is not an address of this machine" : "does not resolve"} (${e.code}); use 0.0.0.0 (every interface), 127.0.0.1 or one of this machine's addresses`])
            : e,
      );
    httpServer.once("error", onListenError);
  });
  await Promise.race([server.listen(config.port, config.host), listenFailed]);
  httpServer.off("error", onListenError!);
  answerClientErrors(httpServer);
  routeAroundColyseus(httpServer, transport.getExpressApp() as unknown as Parameters<typeof routeAroundColyseus>[1], server.router as unknown as ColyseusRouter);
  const address = httpServer.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  for (const kind of kinds) await kind.ready?.(platform);

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      logger.info("shutting down", { graceSeconds: config.shutdownGraceSeconds });
      stopHeartbeat();
      const grace = new Promise<void>((resolve) => setTimeout(resolve, config.shutdownGraceSeconds * 1000).unref());
      await Promise.race([server.gracefullyShutdown(false), grace]);
      for (const kind of [...kinds].reverse()) {
        await kind.stop?.(platform).catch((e: unknown) => logger.error("room kind stop failed", { kind: kind.spec.name, error: e }));
      }
      httpServer.closeAllConnections?.();
      await db.close();
      redis?.disconnect();
      installPlatform(undefined);
      logger.info("stopped");
    })());

  return { platform, server, http: httpServer, port, url: `http://localhost:${port}`, publicAddress, stop };
}

function buildHttp(app: express.Application, platform: Platform, kinds: RoomKind[]): void {
  const { config } = platform;
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");
  // API answers are fresh reads (stock, prices, positions): no ETag hashing of every JSON body
  // (static files keep theirs: express.static sets its own)
  app.set("etag", false);
  // Every request passes these three: one layer (see chain). Then the kinds' API routers, then the
  // platform's routes: the hot paths (a store read, a pit candle) walk past as few layers as possible.
  const json = express.json({ limit: "64kb" });
  app.use(
    chain(
      requestIds(),
      (req, res, next) => (req.method === "GET" || req.method === "HEAD" ? next() : json(req, res, next)),
      countOnFinish(platform, new Set([...kinds.map((k) => k.spec.name), ...PLATFORM_API])),
    ),
  );
  for (const kind of kinds) {
    if (!kind.routes) continue;
    if (PLATFORM_API.has(kind.spec.name)) throw new Error(`room kind "${kind.spec.name}": /api/${kind.spec.name} is the platform's`);
    const router = express.Router();
    kind.routes(router, platform);
    app.use(`/api/${kind.spec.name}`, router);
  }
  mountPlatformRoutes(app, platform, kinds);
  app.use("/api", notFound());

  const index = path.join(config.clientDir, "index.html");
  if (fs.existsSync(index)) {
    app.use(express.static(config.clientDir, { index: false, maxAge: "1h" }));
    // An explicit "/" route: Colyseus answers "/" itself unless the app has one.
    app.get("/", (_req, res) => res.sendFile(index));
  } else {
    platform.logger.warn("client not built: run `npm run build:client`", { clientDir: config.clientDir });
    app.get("/", (_req, res) =>
      res.status(503).type("text/plain").send("The client is not built. Run `npm run build:client` (npm start does it for you)."),
    );
  }
  app.use(notFound());
  app.use(errorHandler(platform.logger));
}

/**
 * Counts each response by route group and status class once it is sent: one listener function for
 * all. The groups are a fixed set (the label must not grow with what clients ask for): `/api/<kind>`
 * and the platform's `/api/rooms|auth|me`, `/api/(unknown)` for any other API path, `/health`,
 * `/metrics`, `/matchmake`, `/monitor`, and `(other)` for everything else (the client's files,
 * unknown paths).
 */
function countOnFinish(platform: Platform, apiGroups: ReadonlySet<string>): express.RequestHandler {
  function finished(this: http.ServerResponse & { req: express.Request }): void {
    platform.metrics.http.inc({ group: routeGroup(this.req.originalUrl, apiGroups), status: STATUS_CLASS[Math.floor(this.statusCode / 100)] ?? "5xx" });
  }
  return (_req, res, next) => {
    res.on("finish", finished);
    next();
  };
}

/** Paths under /api that the platform serves itself (mountPlatformRoutes): no kind may take them. */
const PLATFORM_API = new Set(["rooms", "auth", "me"]);

const STATUS_CLASS = ["0xx", "1xx", "2xx", "3xx", "4xx", "5xx"];

const TOP_GROUPS = new Set(["health", "metrics", "matchmake", "monitor"]);

/** The metrics' route group of a request URL (path and query as sent): see countOnFinish. */
export function routeGroup(url: string, apiGroups: ReadonlySet<string>): string {
  const q = url.indexOf("?");
  const path = q === -1 ? url : url.slice(0, q);
  const first = segment(path, 1);
  if (first === "api") {
    const second = segment(path, 5);
    return apiGroups.has(second) ? `/api/${second}` : "/api/(unknown)";
  }
  return TOP_GROUPS.has(first) ? `/${first}` : "(other)";
}

/** The path segment starting at `from` (up to the next "/"). */
function segment(path: string, from: number): string {
  const end = path.indexOf("/", from);
  return path.slice(from, end === -1 ? path.length : end);
}

/**
 * Colyseus logs (console-like calls) as structured lines of ours. Its errors come as stack traces,
 * often caused by a client (a frame that is not msgpack, from anyone who can open a socket): the
 * first of a kind is logged whole, repeats of the same first line within a minute are counted and
 * summed up in the next one logged, so a flood of bad frames cannot flood the log.
 */
function colyseusLogger(logger: Logger) {
  const line = (args: unknown[]) => args.map((a) => (a instanceof Error ? a.message : String(a))).join(" ");
  const seen = new Map<string, { until: number; suppressed: number }>();
  const error = (...a: unknown[]) => {
    const text = line(a);
    const head = text.split("\n", 1)[0]!.slice(0, 200);
    const now = Date.now();
    const s = seen.get(head);
    if (s && now < s.until) {
      s.suppressed++;
      return;
    }
    if (seen.size >= 1_000) seen.clear();
    seen.set(head, { until: now + 60_000, suppressed: 0 });
    logger.warn(text, { source: "colyseus", ...(s?.suppressed ? { repeatsNotLogged: s.suppressed } : {}) });
  };
  return {
    debug: (...a: unknown[]) => logger.debug(line(a), { source: "colyseus" }),
    info: (...a: unknown[]) => logger.info(line(a), { source: "colyseus" }),
    warn: (...a: unknown[]) => logger.warn(line(a), { source: "colyseus" }),
    error,
    log: (...a: unknown[]) => logger.info(line(a), { source: "colyseus" }),
  };
}

function defaultPublicAddress(host: string, port: number): string {
  if (host !== "0.0.0.0" && host !== "::") return `${host.includes(":") ? `[${host}]` : host}:${port}`;
  const lan = lanUrls(host, port).lan[0];
  return lan ? new URL(lan).host : `${os.hostname()}:${port}`;
}

/** Exposed for tests that need to look at the local matchmaker. */
export { matchMaker };
