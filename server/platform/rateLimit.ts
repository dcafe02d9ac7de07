/**
 * Token-bucket rate limiting, in process memory: `capacity` requests at once, refilled at
 * `refillPerSecond`. Over the limit the reply is 429 RATE_LIMITED with Retry-After (seconds).
 * Buckets idle long enough to be full are swept, so memory stays bounded by active keys.
 */
import type { Request, RequestHandler } from "express";
import { HttpError } from "./http.js";

export interface BucketOptions {
  capacity: number;
  refillPerSecond: number;
  now?: () => number;
}

export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private lastSweep = 0;
  constructor(private readonly opts: BucketOptions) {}

  /** Takes one token; returns 0 when allowed, else the seconds to wait. */
  take(key: string): number {
    const now = (this.opts.now ?? Date.now)();
    this.sweep(now);
    const { capacity, refillPerSecond } = this.opts;
    const b = this.buckets.get(key) ?? { tokens: capacity, at: now };
    b.tokens = Math.min(capacity, b.tokens + ((now - b.at) / 1000) * refillPerSecond);
    b.at = now;
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / refillPerSecond));
  }

  private sweep(now: number) {
    if (now - this.lastSweep < 10_000) return;
    this.lastSweep = now;
    const fullAfterMs = (this.opts.capacity / this.opts.refillPerSecond) * 1000;
    for (const [k, b] of this.buckets) if (now - b.at > fullAfterMs) this.buckets.delete(k);
  }
}

export function rateLimit(buckets: TokenBuckets, keyOf: (req: Request) => string, what: string): RequestHandler {
  return (req, _res, next) => {
    const wait = buckets.take(keyOf(req));
    if (wait === 0) return next();
    next(new HttpError(429, "RATE_LIMITED", `too many ${what}; retry in ${wait} s`, undefined, { "Retry-After": String(wait) }));
  };
}

export function clientIp(req: Request): string {
  // Without X-Forwarded-For, express's req.ip (proxy-addr under `trust proxy`) is the socket's
  // address anyway: skip parsing the trust rules for the common, direct case.
  if (req.headers["x-forwarded-for"] === undefined) return req.socket.remoteAddress ?? "unknown";
  return req.ip ?? req.socket.remoteAddress ?? "unknown";
}
