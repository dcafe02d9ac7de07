/**
 * The platform's HTTP routes: health, metrics, the room kinds, guest identity, and the protected
 * Colyseus monitor. Room kinds mount their own under /api/<kind> (RoomKind.routes).
 */
import express, { type Application } from "express";
import { z } from "zod";
import { monitor } from "@colyseus/monitor";
import { describeSpec } from "../../shared/core/spec.js";
import { normalizeName } from "../../shared/core/names.js";
import type { RoomKind } from "../rooms/kind.js";
import type { Platform } from "./context.js";
import { HttpError, parseWith, requireUser, route, sendError } from "./http.js";
import { TokenBuckets, clientIp, rateLimit } from "./rateLimit.js";

const VERSION = "0.1.0";
const GuestBody = z.object({ name: z.unknown().optional() });

export function mountPlatformRoutes(app: Application, platform: Platform, kinds: RoomKind[]): void {
  const startedAt = platform.now();

  app.get("/health", route(async (_req, res) => {
    const [database, redis] = await Promise.all([
      platform.db.ping(),
      platform.redis ? platform.redis.ping().then((r) => r === "PONG", () => false) : Promise.resolve(undefined),
    ]);
    const healthy = database && redis !== false;
    res.status(healthy ? 200 : 503).json({
      status: healthy ? "ok" : "degraded",
      version: VERSION,
      uptimeSeconds: Math.round((platform.now() - startedAt) / 1000),
      database: { ok: database, dialect: platform.db.dialect },
      redis: redis === undefined ? { ok: null, configured: false } : { ok: redis, configured: true },
      rooms: kinds.map((k) => k.spec.name),
    });
  }));

  app.get("/metrics", (_req, res) => {
    res.setHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
    res.send(platform.registry.render());
  });

  const infos = kinds.map((k) => describeSpec(k.spec));
  app.get("/api/rooms", (_req, res) => {
    res.json(infos);
  });

  // Each guest sign-in creates a user row: limit it per address (GUEST_SIGNINS_PER_MINUTE, as a burst too).
  const perMinute = platform.config.guestSignInsPerMinute;
  const signIns = new TokenBuckets({ capacity: perMinute, refillPerSecond: perMinute / 60, now: platform.now });
  app.post(
    "/api/auth/guest",
    rateLimit(signIns, clientIp, "guest sign-ins from this address"),
    route(async (req, res) => {
      const body = parseWith(GuestBody, req.body ?? {}, "body");
      const name = normalizeName(body.name ?? "");
      if (!name.ok) throw new HttpError(400, name.error.code, name.error.message, [{ path: "name", message: name.error.message }]);
      const user = await platform.users.createGuest(name.value, platform.now());
      const token = await platform.tokens.sign(user);
      res.status(201).json({ token, user });
    }),
  );

  app.get(
    "/api/me",
    requireUser(platform.tokens),
    route(async (req, res) => {
      const user = await platform.users.find(req.user!.id);
      if (!user) throw new HttpError(401, "INVALID_TOKEN", "this token's user no longer exists: sign in again");
      res.json({ user });
    }),
  );

  app.use("/monitor", monitorGuard(platform), monitor() as unknown as express.RequestHandler);
}

/**
 * /monitor shows every room's state: never open to the LAN. With MONITOR_PASSWORD, HTTP basic auth
 * (user "admin"); without it, only requests from this machine (loopback) are served.
 */
export function monitorGuard(platform: Pick<Platform, "config">): express.RequestHandler {
  return operatorGuard(platform, "the monitor");
}

/**
 * Operator-only routes (the monitor, the pit's audit trail): this machine only, or — when
 * MONITOR_PASSWORD is set — anyone with basic auth `admin:<MONITOR_PASSWORD>`.
 */
export function operatorGuard(platform: Pick<Platform, "config">, what: string): express.RequestHandler {
  const password = platform.config.monitorPassword;
  return (req, res, next) => {
    if (password) {
      const header = req.header("authorization") ?? "";
      const m = /^Basic\s+(.+)$/i.exec(header);
      const [user, pass] = m ? Buffer.from(m[1]!, "base64").toString("utf8").split(":", 2) : [];
      if (user === "admin" && pass !== undefined && timingSafeEqual(pass, password)) return next();
      res.setHeader("WWW-Authenticate", 'Basic realm="statecraft monitor"');
      return sendError(res, 401, { code: "UNAUTHORIZED", message: `${what} needs the admin password (MONITOR_PASSWORD)` });
    }
    // req.ip, not the socket: behind a reverse proxy on this machine (trusted: "trust proxy" is
    // loopback) every request arrives from 127.0.0.1, and the caller is the X-Forwarded-For address
    const ip = req.ip ?? req.socket.remoteAddress ?? "";
    if (ip === "127.0.0.1" || ip === "::1" || ip === "::ffff:127.0.0.1") return next();
    sendError(res, 403, { code: "FORBIDDEN", message: `${what} is served to this machine only; set MONITOR_PASSWORD to open it to the network` });
  };
}

function timingSafeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}
