/**
 * The services a room adapter or an HTTP route needs, handed over once at start. Rooms are
 * constructed by Colyseus (no constructor arguments), so the app installs the platform with
 * `installPlatform` before any room is created and rooms read it with `currentPlatform()`.
 * There is one platform per process, exactly as there is one Colyseus matchmaker per process.
 */
import type { Redis } from "ioredis";
import type { Config } from "../config.js";
import type { Database } from "./db/database.js";
import type { UserRepository } from "./db/users.js";
import type { TokenService } from "./auth.js";
import type { Logger } from "./logger.js";
import type { Metrics, PlatformMetrics } from "./metrics.js";

export interface Platform {
  config: Config;
  db: Database;
  users: UserRepository;
  tokens: TokenService;
  metrics: PlatformMetrics;
  registry: Metrics;
  logger: Logger;
  /** Present when REDIS_URL is set. */
  redis?: Redis;
  /** Wall clock, injectable for tests. */
  now(): number;
}

let installed: Platform | undefined;

export function installPlatform(platform: Platform | undefined): void {
  installed = platform;
}

export function currentPlatform(): Platform {
  if (!installed) throw new Error("the platform is not installed: start the server through server/app.ts");
  return installed;
}
