/**
 * Configuration from the environment, validated once at start. A bad value stops the server with a
 * message naming the variable, what was wrong and what is accepted — never a silent default.
 * Every variable is documented in README.md ("Environment").
 */
import path from "node:path";

export interface Config {
  host: string;
  port: number;
  /** Where the SQLite file and the generated auth secret live. */
  dataDir: string;
  /** PostgreSQL connection string; when absent the embedded SQLite file is used. */
  databaseUrl?: string;
  /** Redis connection string; when present: RedisPresence + RedisDriver, Redis cache and streams. */
  redisUrl?: string;
  /** The address other processes use to reach this one (scale-out); derived from host:port if unset. */
  publicAddress?: string;
  /** HMAC secret for tokens; generated and kept in DATA_DIR when unset. */
  authSecret?: string;
  /** Lifetime of a guest token, seconds. */
  tokenTtlSeconds: number;
  /** Password for /monitor (user "admin"); when unset /monitor only answers requests from this machine. */
  monitorPassword?: string;
  /** Seconds between WebSocket pings to each client; a client that misses 3 in a row is dropped. */
  wsPingSeconds: number;
  /** Largest accepted WebSocket message, bytes. */
  maxMessageBytes: number;
  logLevel: LogLevel;
  /** Built client served at "/". */
  clientDir: string;
  /** Seconds rooms get to finish (onBeforeShutdown) on SIGTERM/SIGINT. */
  shutdownGraceSeconds: number;
  /** Extra room-kind modules to load (comma-separated paths), see docs/modding.md. */
  mods: string[];
  /** Guest sign-ins allowed per address per minute (also the burst). */
  guestSignInsPerMinute: number;
  /** Environment name: "production" | "development" | "test". */
  env: string;
}

export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";
const LOG_LEVELS: readonly LogLevel[] = ["debug", "info", "warn", "error", "silent"];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join("\n  - ")}`);
    this.name = "ConfigError";
  }
}

type Env = Record<string, string | undefined>;

/** Parses the environment. Throws ConfigError listing every problem at once. */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const problems: string[] = [];
  const str = (name: string): string | undefined => {
    const v = env[name];
    return v === undefined || v.trim() === "" ? undefined : v.trim();
  };
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = str(name);
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw)) {
      problems.push(`${name} must be a whole number in ${min}..${max} (got ${JSON.stringify(raw)})`);
      return fallback;
    }
    const n = Number(raw);
    if (n < min || n > max) problems.push(`${name} must be in ${min}..${max} (got ${n})`);
    return n;
  };
  const url = (name: string, protocols: string[]): string | undefined => {
    const raw = str(name);
    if (raw === undefined) return undefined;
    try {
      const u = new URL(raw);
      if (!protocols.includes(u.protocol)) {
        problems.push(`${name} must be a ${protocols.join(" or ")} URL (got protocol ${JSON.stringify(u.protocol)})`);
      }
    } catch {
      problems.push(`${name} is not a valid URL (expected e.g. ${protocols[0]}//host:port/...)`);
    }
    return raw;
  };

  const host = str("HOST") ?? "0.0.0.0";
  if (!/^[A-Za-z0-9.:\-[\]]+$/.test(host)) problems.push(`HOST must be a host name or IP address (got ${JSON.stringify(host)})`);
  const port = int("PORT", 2567, 0, 65535);
  const logLevel = (str("LOG_LEVEL") ?? (env.NODE_ENV === "test" ? "warn" : "info")) as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")} (got ${JSON.stringify(logLevel)})`);
  const authSecret = str("AUTH_SECRET");
  if (authSecret !== undefined && authSecret.length < 32) problems.push("AUTH_SECRET must be at least 32 characters");
  const publicAddress = str("PUBLIC_ADDRESS");
  if (publicAddress !== undefined && !/^[A-Za-z0-9.\-[\]:]+(\/[\w\-./]*)?$/.test(publicAddress))
    problems.push(`PUBLIC_ADDRESS must be host[:port][/path] (got ${JSON.stringify(publicAddress)})`);

  const config: Config = {
    host,
    port,
    dataDir: path.resolve(cwd, str("DATA_DIR") ?? "data"),
    databaseUrl: url("DATABASE_URL", ["postgres:", "postgresql:"]),
    redisUrl: url("REDIS_URL", ["redis:", "rediss:"]),
    publicAddress,
    authSecret,
    tokenTtlSeconds: int("TOKEN_TTL_SECONDS", 7 * 24 * 3600, 60, 365 * 24 * 3600),
    monitorPassword: str("MONITOR_PASSWORD"),
    wsPingSeconds: int("WS_PING_SECONDS", 10, 1, 3600),
    maxMessageBytes: int("MAX_MESSAGE_BYTES", 16 * 1024, 256, 1024 * 1024),
    logLevel,
    clientDir: path.resolve(cwd, str("CLIENT_DIR") ?? "dist/client"),
    shutdownGraceSeconds: int("SHUTDOWN_GRACE_SECONDS", 10, 0, 600),
    guestSignInsPerMinute: int("GUEST_SIGNINS_PER_MINUTE", 20, 1, 1_000_000),
    mods: (str("MODS") ?? "").split(",").map((s) => s.trim()).filter(Boolean),
    env: str("NODE_ENV") ?? "development",
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
