/**
 * The store's gateway layer, in front of every /api/store route (request ids, authentication and
 * the error JSON come from the platform, server/platform/http.ts):
 * - origin rules that suit a LAN host: the client is served by the same server, so same-origin
 *   requests (Origin's host = Host) are always allowed, whatever address the LAN uses to reach it;
 *   other browser origins only when listed in STORE_CORS_ORIGINS (CORS headers); a cross-origin
 *   write from an unlisted origin is refused (403 ORIGIN_NOT_ALLOWED) and a read carries no CORS
 *   header, so no page of that origin can read it (the platform's front door keeps Colyseus's
 *   any-Origin CORS echo off the API, see platform/httpFront.ts). Credentials are
 *   bearer tokens, never cookies, so a foreign page cannot ride on a shopper's session anyway;
 * - a body size limit (413 PAYLOAD_TOO_LARGE), tighter than the platform's 64 kB;
 * - a token bucket per client address (429 RATE_LIMITED + Retry-After); per-user buckets are added
 *   on the routes that know the user (checkout, orders).
 */
import type { Request, RequestHandler } from "express";
import { HttpError } from "../../platform/http.js";
import { TokenBuckets, clientIp, rateLimit } from "../../platform/rateLimit.js";
import type { StoreConfig } from "./config.js";

const ALLOW_HEADERS = "Authorization, Content-Type, Idempotency-Key, X-Request-Id";
const EXPOSE_HEADERS = "Idempotent-Replayed, Retry-After, X-Request-Id, Location";

export function originRules(config: StoreConfig): RequestHandler {
  const anyOrigin = config.corsOrigins.includes("*");
  const allowed = new Set(config.corsOrigins);
  return (req, res, next) => {
    const origin = req.header("origin");
    if (!origin || isSameOrigin(origin, req)) {
      if (req.method === "OPTIONS") return void res.status(204).end();
      return next();
    }
    const listed = anyOrigin || allowed.has(origin);
    if (listed) {
      res.setHeader("Access-Control-Allow-Origin", anyOrigin ? "*" : origin);
      res.setHeader("Vary", "Origin");
      res.setHeader("Access-Control-Expose-Headers", EXPOSE_HEADERS);
      if (req.method === "OPTIONS") {
        res.setHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
        res.setHeader("Access-Control-Allow-Headers", ALLOW_HEADERS);
        res.setHeader("Access-Control-Max-Age", "600");
        return void res.status(204).end();
      }
      return next();
    }
    if (req.method === "GET" || req.method === "HEAD") return next(); // served, but no page of that origin can read it
    next(new HttpError(403, "ORIGIN_NOT_ALLOWED", `requests from ${origin} are not allowed; list it in STORE_CORS_ORIGINS`));
  };
}

function isSameOrigin(origin: string, req: Request): boolean {
  try {
    return new URL(origin).host === req.header("host");
  } catch {
    return false;
  }
}

export function bodyLimit(maxBytes: number): RequestHandler {
  return (req, _res, next) => {
    const declared = Number(req.header("content-length") ?? 0);
    const size = declared || (req.body && typeof req.body === "object" ? Buffer.byteLength(JSON.stringify(req.body)) : 0);
    if (size > maxBytes) return next(new HttpError(413, "PAYLOAD_TOO_LARGE", `body is larger than ${maxBytes} bytes`));
    next();
  };
}

export function perIpLimit(config: StoreConfig, now: () => number): RequestHandler {
  const buckets = new TokenBuckets({ capacity: config.ipBurst, refillPerSecond: config.ipPerSecond, now });
  return rateLimit(buckets, clientIp, "store requests from this address");
}

export function perUserLimit(config: StoreConfig, now: () => number): RequestHandler {
  const buckets = new TokenBuckets({ capacity: config.userBurst, refillPerSecond: config.userPerSecond, now });
  return rateLimit(buckets, (req) => req.user?.id ?? clientIp(req), "store requests from this user");
}
